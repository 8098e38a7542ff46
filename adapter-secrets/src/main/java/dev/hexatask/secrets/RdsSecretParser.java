package dev.hexatask.secrets;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.regex.Pattern;

/**
 * Reads the RDS secret JSON strictly: required fields present with the right type, no duplicate keys, nothing after
 * the object. Fields RDS and its rotation templates add ({@code dbInstanceIdentifier}, {@code masterarn}, ...) are
 * ignored. Error messages name a field and a reason, never a value.
 */
final class RdsSecretParser {

    static final String DEFAULT_DBNAME = "postgres";
    static final String ENGINE = "postgres";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Pattern HOST_NAME =
            Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern PORT_DIGITS = Pattern.compile("[0-9]{1,5}");

    private RdsSecretParser() {
    }

    static RdsSecret parse(String secretString) {
        if (secretString == null || secretString.isBlank()) {
            throw new InvalidSecretException("the secret is empty");
        }
        JsonNode root;
        try {
            root = JSON.readTree(secretString);
        } catch (JacksonException e) {
            var location = e.getLocation();
            throw new InvalidSecretException(location == null
                    ? "the secret is not valid JSON"
                    : "the secret is not valid JSON (line " + location.getLineNr() + ", column "
                            + location.getColumnNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidSecretException("the secret is not a JSON object");
        }
        var username = requiredText(root, "username");
        var password = requiredText(root, "password");
        var host = host(root);
        var port = port(root);
        var dbname = optionalText(root, "dbname", DEFAULT_DBNAME);
        var engine = optionalText(root, "engine", ENGINE);
        if (!ENGINE.equals(engine)) {
            throw new InvalidSecretException("field \"engine\" must be \"postgres\"");
        }
        return new RdsSecret(username, password, host, port, dbname, engine);
    }

    private static String requiredText(JsonNode root, String field) {
        var node = root.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidSecretException("field \"" + field + "\" is missing");
        }
        return text(node, field);
    }

    private static String optionalText(JsonNode root, String field, String absent) {
        var node = root.get(field);
        return node == null || node.isNull() ? absent : text(node, field);
    }

    private static String text(JsonNode node, String field) {
        if (!node.isTextual()) {
            throw new InvalidSecretException("field \"" + field + "\" must be a string");
        }
        var value = node.textValue();
        if (value.isBlank()) {
            throw new InvalidSecretException("field \"" + field + "\" is blank");
        }
        // PostgreSQL's wire protocol ends strings at NUL: such a value could never authenticate or connect.
        if (value.indexOf('\0') >= 0) {
            throw new InvalidSecretException("field \"" + field + "\" contains a NUL character");
        }
        return value;
    }

    private static String host(JsonNode root) {
        var host = requiredText(root, "host");
        var plain = HOST_NAME.matcher(host).matches();
        var ipv6 = host.indexOf(':') >= 0 && IPV6_LITERAL.matcher(host).matches();
        if (!plain && !ipv6) {
            throw new InvalidSecretException("field \"host\" must be a host name or an IP address");
        }
        return host;
    }

    private static int port(JsonNode root) {
        var node = root.get("port");
        if (node == null || node.isNull()) {
            throw new InvalidSecretException("field \"port\" is missing");
        }
        int port;
        // RDS writes a number; secrets made by hand or by older templates often hold the digits as a string.
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            port = node.intValue();
        } else if (node.isTextual() && PORT_DIGITS.matcher(node.textValue()).matches()) {
            port = Integer.parseInt(node.textValue());
        } else {
            port = 0;
        }
        if (port < 1 || port > 65_535) {
            throw new InvalidSecretException("field \"port\" must be a whole number from 1 to 65535");
        }
        return port;
    }
}
