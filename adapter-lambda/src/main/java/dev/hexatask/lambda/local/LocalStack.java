package dev.hexatask.lambda.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The running local stack as {@code bin/dev} describes it in {@code .data/dev/stack.json} at the repository's root:
 * where its database and OIDC provider are. Found from the working directory upwards.
 */
record LocalStack(String apiUrl, String databaseUrl, String databaseUser, String databasePassword, String issuer,
                  String jwksUrl, String tokenEndpoint, String clientId, String scope) {

    static final Path FILE = Path.of(".data", "dev", "stack.json");

    static LocalStack read() {
        Path directory = Path.of("").toAbsolutePath();
        for (Path current = directory; current != null; current = current.getParent()) {
            Path candidate = current.resolve(FILE);
            if (Files.isRegularFile(candidate)) {
                return read(candidate);
            }
        }
        throw new IllegalStateException("No " + FILE + " in " + directory + " or above: start the local stack "
                + "first (bin/dev)");
    }

    static LocalStack read(Path file) {
        try {
            JsonNode json = new ObjectMapper().readTree(file.toFile());
            return new LocalStack(text(json, "apiUrl", file), text(json, "databaseUrl", file),
                    text(json, "databaseUser", file), json.path("databasePassword").asText(""),
                    text(json, "issuer", file),
                    text(json, "jwksUrl", file), text(json, "tokenEndpoint", file), text(json, "clientId", file),
                    json.path("scope").asText(""));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode json, String field, Path file) {
        String value = json.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalStateException(file + " has no \"" + field + "\"");
        }
        return value;
    }

    /** The API function's environment variables for this stack, as a deployment would set them. */
    Map<String, String> functionEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("HEXATASK_STAGE", "local");
        String separator = databaseUrl.contains("?") ? "&" : "?";
        environment.put("DATABASE_URL", databaseUrl + separator + "user=" + encode(databaseUser) + "&password="
                + encode(databasePassword));
        environment.put("OIDC_ISSUER", issuer);
        environment.put("OIDC_JWKS_URL", jwksUrl);
        environment.put("OIDC_CLIENT_IDS", clientId);
        if (scope.contains("hexatask/api")) {
            environment.put("OIDC_REQUIRED_SCOPE", "hexatask/api");
        }
        URI api = URI.create(apiUrl);
        environment.put("CORS_ALLOWED_ORIGINS", api.getScheme() + "://" + api.getAuthority());
        return environment;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "LocalStack[" + apiUrl + ", issuer=" + issuer + "]";
    }
}
