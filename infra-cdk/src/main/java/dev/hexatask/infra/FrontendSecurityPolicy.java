package dev.hexatask.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import software.amazon.awscdk.services.cloudfront.HeadersFrameOption;
import software.amazon.awscdk.services.cloudfront.HeadersReferrerPolicy;

/**
 * The web app's security headers, read from the one policy that the local server sends too
 * ({@code frontend/security-headers.json}, on the class path), so that the CSP a local run enforces is the one
 * CloudFront enforces.
 */
record FrontendSecurityPolicy(List<String> contentSecurityPolicy, long strictTransportSecurityMaxAgeSeconds,
                              HeadersFrameOption frameOption, HeadersReferrerPolicy referrerPolicy) {

    static FrontendSecurityPolicy load() {
        try (InputStream in = Objects.requireNonNull(
                FrontendSecurityPolicy.class.getResourceAsStream("/security-headers.json"),
                "security-headers.json is missing from the class path")) {
            JsonNode policy = new ObjectMapper().readTree(in);
            List<String> directives = new ArrayList<>();
            policy.path("contentSecurityPolicy").forEach(directive -> directives.add(directive.asText()));
            return new FrontendSecurityPolicy(List.copyOf(directives),
                    policy.path("strictTransportSecurityMaxAgeSeconds").asLong(),
                    HeadersFrameOption.valueOf(constant(policy.path("frameOptions").asText())),
                    HeadersReferrerPolicy.valueOf(constant(policy.path("referrerPolicy").asText())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read security-headers.json", e);
        }
    }

    /** The CSP with the API's and the sign-in provider's origins (each a space-separated list) filled in. */
    String contentSecurityPolicy(String apiOrigins, String identityOrigins) {
        return String.join("; ", contentSecurityPolicy.stream()
                .map(directive -> directive.replace("{api}", apiOrigins).replace("{identity}", identityOrigins))
                .toList());
    }

    private static String constant(String headerValue) {
        return headerValue.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
