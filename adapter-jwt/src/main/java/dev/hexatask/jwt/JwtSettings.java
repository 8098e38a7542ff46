package dev.hexatask.jwt;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the authenticator trusts: the identity provider's issuer, the app clients whose access tokens are accepted,
 * where the signing keys are published and the scope a token must carry (if any): what a deployment configures.
 * How tokens are checked beyond that (clock skew, algorithms) is not configuration: see {@link TokenPolicy}.
 * Checked on construction, so an invalid configuration stops start-up with a message naming every bad setting.
 *
 * @param issuer        the exact {@code iss} value, e.g. {@code https://cognito-idp.<region>.amazonaws.com/<pool id>}
 * @param clientIds     the app client ids whose tokens are accepted ({@code client_id} claim)
 * @param jwksUrl       where the signing keys are published; {@code null} means {@code <issuer>/.well-known/jwks.json}
 * @param requiredScope a scope every token must carry, e.g. {@code hexatask/api}; empty when none is required
 */
public record JwtSettings(String issuer, Set<String> clientIds, URI jwksUrl, Optional<String> requiredScope) {

    static final String JWKS_PATH = "/.well-known/jwks.json";

    /** The environment variables {@link #fromEnvironment} reads, as every deployable names them. */
    public static final String ENV_ISSUER = "OIDC_ISSUER";
    public static final String ENV_CLIENT_IDS = "OIDC_CLIENT_IDS";
    public static final String ENV_JWKS_URL = "OIDC_JWKS_URL";
    public static final String ENV_REQUIRED_SCOPE = "OIDC_REQUIRED_SCOPE";

    /** The names problems are reported under: the fields', or the environment variables'. */
    private record Names(String issuer, String clientIds, String jwksUrl, String requiredScope) {
    }

    private static final Names FIELDS = new Names("issuer", "clientIds", "jwksUrl", "requiredScope");
    private static final Names VARIABLES = new Names(ENV_ISSUER, ENV_CLIENT_IDS, ENV_JWKS_URL, ENV_REQUIRED_SCOPE);

    /** @param jwksUrl {@code null} for the issuer's own, {@code <issuer>/.well-known/jwks.json} */
    public JwtSettings {
        List<String> problems = problems(issuer, clientIds, jwksUrl, requiredScope, FIELDS);
        if (!problems.isEmpty()) {
            throw new InvalidJwtSettingsException(problems);
        }
        if (jwksUrl == null) {
            jwksUrl = defaultJwksUrl(issuer);
        }
        clientIds = Set.copyOf(clientIds);
        requiredScope = requiredScope == null ? Optional.empty() : requiredScope;
    }

    private static List<String> problems(String issuer, Set<String> clientIds, URI jwksUrl,
                                         Optional<String> requiredScope, Names names) {
        List<String> problems = new ArrayList<>();
        checkIssuer(issuer, names.issuer(), problems);
        checkClientIds(clientIds, names.clientIds(), problems);
        if (jwksUrl != null) {
            checkUrl(names.jwksUrl(), jwksUrl, problems);
        }
        checkScope(requiredScope, names.requiredScope(), problems);
        return problems;
    }

    /**
     * Reads {@value #ENV_ISSUER}, {@value #ENV_CLIENT_IDS} (comma-separated), {@value #ENV_JWKS_URL} (optional) and
     * {@value #ENV_REQUIRED_SCOPE} (optional). An error message names the variable, never only the field.
     */
    public static JwtSettings fromEnvironment(Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        String jwksText = blankToNull(environment.get(ENV_JWKS_URL));
        URI jwksUrl = null;
        if (jwksText != null) {
            try {
                jwksUrl = new URI(jwksText);
            } catch (URISyntaxException e) {
                problems.add(ENV_JWKS_URL + " is not a URL");
            }
        }
        String clientIdsText = environment.get(ENV_CLIENT_IDS);
        Set<String> clientIds = clientIdsText == null ? Set.of()
                : Arrays.stream(clientIdsText.split(",", -1)).map(String::strip)
                        .collect(Collectors.toCollection(LinkedHashSet::new));
        String issuer = environment.get(ENV_ISSUER);
        Optional<String> scope = Optional.ofNullable(blankToNull(environment.get(ENV_REQUIRED_SCOPE)));
        problems.addAll(problems(issuer, clientIds, jwksUrl, scope, VARIABLES));
        if (!problems.isEmpty()) {
            throw new InvalidJwtSettingsException(problems);
        }
        return new JwtSettings(issuer, clientIds, jwksUrl, scope);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void checkIssuer(String issuer, String name, List<String> problems) {
        if (issuer == null || issuer.isBlank()) {
            problems.add(name + " is required (the identity provider's exact iss value)");
            return;
        }
        try {
            URI uri = new URI(issuer);
            if (checkUrl(name, uri, problems) && issuer.endsWith("/")) {
                problems.add(name + " must not end with '/': the iss claim is compared exactly");
            }
        } catch (URISyntaxException e) {
            problems.add(name + " is not a URL");
        }
    }

    /** True when the URL is fit to fetch keys from; otherwise adds why not. */
    private static boolean checkUrl(String field, URI url, List<String> problems) {
        if (!url.isAbsolute() || url.getHost() == null) {
            problems.add(field + " must be an absolute URL with a host");
            return false;
        }
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        boolean localHttp = "http".equalsIgnoreCase(url.getScheme()) && isLoopback(url.getHost());
        if (!https && !localHttp) {
            problems.add(field + " must use https (plain http only for a loopback host such as localhost)");
            return false;
        }
        if (url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
            problems.add(field + " must not carry user info, a query or a fragment");
            return false;
        }
        return true;
    }

    private static boolean isLoopback(String host) {
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+") && !literal.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static URI defaultJwksUrl(String issuer) {
        try {
            return new URI(issuer + JWKS_PATH);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static void checkClientIds(Set<String> clientIds, String name, List<String> problems) {
        if (clientIds == null || clientIds.isEmpty()) {
            problems.add(name + " must name at least one app client id");
            return;
        }
        for (String clientId : clientIds) {
            if (clientId == null || clientId.isBlank()) {
                problems.add(name + " must not hold a blank entry");
            } else if (!isVisibleAscii(clientId)) {
                problems.add(name + " must hold printable ASCII without spaces");
            }
        }
    }

    private static void checkScope(Optional<String> scope, String name, List<String> problems) {
        if (scope == null) {
            return;
        }
        scope.ifPresent(value -> {
            // RFC 6749 scope-token: visible ASCII except '"' and '\'.
            if (value.isEmpty() || !isVisibleAscii(value) || value.indexOf('"') >= 0 || value.indexOf('\\') >= 0) {
                problems.add(name + " must be one scope token (visible ASCII, no spaces, quotes or backslashes)");
            }
        });
    }

    private static boolean isVisibleAscii(String value) {
        return value.chars().allMatch(c -> c >= 0x21 && c <= 0x7E);
    }
}
