package dev.hexatask.jwt;

import com.nimbusds.jose.JWSAlgorithm;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the authenticator trusts: the identity provider's issuer, the app clients whose access tokens are accepted,
 * where the signing keys are published, the scope a token must carry (if any), the clock skew tolerated and the
 * signature algorithms allowed. Checked on construction, so an invalid configuration stops start-up with a message
 * naming every bad setting.
 *
 * @param issuer        the exact {@code iss} value, e.g. {@code https://cognito-idp.<region>.amazonaws.com/<pool id>}
 * @param clientIds     the app client ids whose tokens are accepted ({@code client_id} claim)
 * @param jwksUrl       where the signing keys are published; {@code null} means {@code <issuer>/.well-known/jwks.json}
 * @param requiredScope a scope every token must carry, e.g. {@code hexatask/api}; empty when none is required
 * @param clockSkew     the tolerance for {@code exp}, {@code nbf} and {@code iat}, whole seconds, at most 5 minutes
 * @param algorithms    the asymmetric JWS algorithms accepted
 */
public record JwtSettings(String issuer, Set<String> clientIds, URI jwksUrl, Optional<String> requiredScope,
                          Duration clockSkew, Set<JWSAlgorithm> algorithms) {

    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    public static final Set<JWSAlgorithm> DEFAULT_ALGORITHMS = Set.of(JWSAlgorithm.RS256);

    /** RSA PKCS#1, RSA-PSS and ECDSA: a public key can only verify, so a leaked JWKS cannot mint tokens. */
    public static final Set<JWSAlgorithm> ALLOWED_ALGORITHMS = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    static final String JWKS_PATH = "/.well-known/jwks.json";

    /** The environment variables {@link #fromEnvironment} reads, as every deployable names them. */
    public static final String ENV_ISSUER = "OIDC_ISSUER";
    public static final String ENV_CLIENT_IDS = "OIDC_CLIENT_IDS";
    public static final String ENV_JWKS_URL = "OIDC_JWKS_URL";
    public static final String ENV_REQUIRED_SCOPE = "OIDC_REQUIRED_SCOPE";

    public JwtSettings {
        List<String> problems = new ArrayList<>();
        issuer = checkIssuer(issuer, problems);
        clientIds = checkClientIds(clientIds, problems);
        if (jwksUrl == null && issuer != null) {
            jwksUrl = defaultJwksUrl(issuer);
        } else if (jwksUrl != null) {
            checkUrl("jwksUrl", jwksUrl, problems);
        }
        requiredScope = checkScope(requiredScope, problems);
        checkClockSkew(clockSkew, problems);
        algorithms = checkAlgorithms(algorithms, problems);
        if (!problems.isEmpty()) {
            throw new InvalidJwtSettingsException(problems);
        }
    }

    /** Starts settings for {@code issuer} with the defaults: keys at the issuer's JWKS, RS256, 60 s skew. */
    public static Builder forIssuer(String issuer) {
        return new Builder(issuer);
    }

    /**
     * Reads {@value #ENV_ISSUER}, {@value #ENV_CLIENT_IDS} (comma-separated), {@value #ENV_JWKS_URL} (optional) and
     * {@value #ENV_REQUIRED_SCOPE} (optional). An error message names the variable, never only the field.
     */
    public static JwtSettings fromEnvironment(Map<String, String> environment) {
        Map<String, String> variableOf = Map.of("issuer", ENV_ISSUER, "clientIds", ENV_CLIENT_IDS,
                "jwksUrl", ENV_JWKS_URL, "requiredScope", ENV_REQUIRED_SCOPE);
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
        try {
            JwtSettings settings = new JwtSettings(environment.get(ENV_ISSUER), clientIds, jwksUrl,
                    Optional.ofNullable(blankToNull(environment.get(ENV_REQUIRED_SCOPE))), DEFAULT_CLOCK_SKEW,
                    DEFAULT_ALGORITHMS);
            if (problems.isEmpty()) {
                return settings;
            }
        } catch (InvalidJwtSettingsException e) {
            for (String problem : e.problems()) {
                String field = problem.substring(0, problem.indexOf(' '));
                problems.add(variableOf.getOrDefault(field, field) + problem.substring(field.length()));
            }
        }
        throw new InvalidJwtSettingsException(problems);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String checkIssuer(String issuer, List<String> problems) {
        if (issuer == null || issuer.isBlank()) {
            problems.add("issuer is required (the identity provider's exact iss value)");
            return null;
        }
        try {
            URI uri = new URI(issuer);
            if (checkUrl("issuer", uri, problems) && issuer.endsWith("/")) {
                problems.add("issuer must not end with '/': the iss claim is compared exactly");
            }
        } catch (URISyntaxException e) {
            problems.add("issuer is not a URL");
        }
        return issuer;
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

    private static Set<String> checkClientIds(Set<String> clientIds, List<String> problems) {
        if (clientIds == null || clientIds.isEmpty()) {
            problems.add("clientIds must name at least one app client id");
            return Set.of();
        }
        Set<String> checked = new LinkedHashSet<>();
        for (String clientId : clientIds) {
            if (clientId == null || clientId.isBlank()) {
                problems.add("clientIds must not hold a blank entry");
            } else if (!isVisibleAscii(clientId)) {
                problems.add("clientIds must hold printable ASCII without spaces");
            } else {
                checked.add(clientId);
            }
        }
        return Set.copyOf(checked);
    }

    private static Optional<String> checkScope(Optional<String> scope, List<String> problems) {
        if (scope == null) {
            return Optional.empty();
        }
        scope.ifPresent(value -> {
            // RFC 6749 scope-token: visible ASCII except '"' and '\'.
            if (value.isEmpty() || !isVisibleAscii(value) || value.indexOf('"') >= 0 || value.indexOf('\\') >= 0) {
                problems.add("requiredScope must be one scope token (visible ASCII, no spaces, quotes or backslashes)");
            }
        });
        return scope;
    }

    private static void checkClockSkew(Duration clockSkew, List<String> problems) {
        if (clockSkew == null) {
            problems.add("clockSkew is required");
        } else if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0 || clockSkew.getNano() != 0) {
            problems.add("clockSkew must be a whole number of seconds between 0 and " + MAX_CLOCK_SKEW.toSeconds()
                    + ", was " + clockSkew.toMillis() + " ms");
        }
    }

    private static Set<JWSAlgorithm> checkAlgorithms(Set<JWSAlgorithm> algorithms, List<String> problems) {
        if (algorithms == null || algorithms.isEmpty()) {
            problems.add("algorithms must name at least one signature algorithm");
            return Set.of();
        }
        for (JWSAlgorithm algorithm : algorithms) {
            if (algorithm == null || !ALLOWED_ALGORITHMS.contains(algorithm)) {
                problems.add("algorithms may only hold asymmetric algorithms (" + names(ALLOWED_ALGORITHMS)
                        + "), not " + (algorithm == null ? "null" : algorithm.getName()));
            }
        }
        return Set.copyOf(algorithms.stream().filter(Objects::nonNull).collect(Collectors.toSet()));
    }

    private static String names(Set<JWSAlgorithm> algorithms) {
        return algorithms.stream().map(JWSAlgorithm::getName).sorted().collect(Collectors.joining(", "));
    }

    private static boolean isVisibleAscii(String value) {
        return value.chars().allMatch(c -> c >= 0x21 && c <= 0x7E);
    }

    /** Settings with defaults for everything but the issuer and the client ids. */
    public static final class Builder {

        private final String issuer;
        private Set<String> clientIds = Set.of();
        private URI jwksUrl;
        private Optional<String> requiredScope = Optional.empty();
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;
        private Set<JWSAlgorithm> algorithms = DEFAULT_ALGORITHMS;

        private Builder(String issuer) {
            this.issuer = issuer;
        }

        public Builder clientIds(String... clientIds) {
            this.clientIds = new LinkedHashSet<>(Arrays.asList(clientIds));
            return this;
        }

        public Builder jwksUrl(URI jwksUrl) {
            this.jwksUrl = jwksUrl;
            return this;
        }

        public Builder requiredScope(String requiredScope) {
            this.requiredScope = Optional.ofNullable(requiredScope);
            return this;
        }

        public Builder clockSkew(Duration clockSkew) {
            this.clockSkew = clockSkew;
            return this;
        }

        /** Algorithm names as in a JWS header, e.g. {@code RS256}, {@code PS256}, {@code ES256}. */
        public Builder algorithms(String... names) {
            this.algorithms = Arrays.stream(names).map(JWSAlgorithm::parse).collect(Collectors.toSet());
            return this;
        }

        public JwtSettings build() {
            return new JwtSettings(issuer, clientIds, jwksUrl, requiredScope, clockSkew, algorithms);
        }
    }
}
