package dev.hexatask.javalin.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The web app's security headers as CloudFront sends them in AWS, read from the one policy both use
 * ({@code frontend/security-headers.json}, on the class path), so that a local run shows the same CSP violations a
 * deployed app would. Locally the API is the page's own origin and the sign-in provider another port.
 */
public final class SecurityHeaders {

    static final String POLICY_RESOURCE = "/security-headers.json";

    private final Map<String, String> headers;

    private SecurityHeaders(Map<String, String> headers) {
        this.headers = Map.copyOf(headers);
    }

    /** The headers for an app whose API and sign-in provider are at these URLs. */
    public static SecurityHeaders forApp(URI apiBaseUrl, URI identityProvider) {
        JsonNode policy = policy();
        List<String> directives = new ArrayList<>();
        policy.path("contentSecurityPolicy").forEach(directive -> directives.add(directive.asText()
                .replace("{api}", origin(apiBaseUrl))
                .replace("{identity}", origin(identityProvider))));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", String.join("; ", directives));
        headers.put("Strict-Transport-Security", "max-age=" + policy.path("strictTransportSecurityMaxAgeSeconds")
                .asLong() + "; includeSubDomains; preload");
        headers.put("X-Frame-Options", policy.path("frameOptions").asText());
        headers.put("Referrer-Policy", policy.path("referrerPolicy").asText());
        headers.put("X-Content-Type-Options", "nosniff");
        return new SecurityHeaders(headers);
    }

    public Map<String, String> asMap() {
        return headers;
    }

    void applyTo(Context ctx) {
        headers.forEach(ctx::header);
    }

    private static String origin(URI url) {
        return url.getScheme() + "://" + url.getAuthority();
    }

    private static JsonNode policy() {
        try (InputStream in = Objects.requireNonNull(SecurityHeaders.class.getResourceAsStream(POLICY_RESOURCE),
                "security-headers.json is missing from the class path")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read security-headers.json", e);
        }
    }
}
