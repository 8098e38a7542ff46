package dev.hexatask.rest;

import dev.hexatask.rest.policy.EdgeResponses;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.LinkedHashSet;

/**
 * The adapter's configuration.
 *
 * @param allowedOrigins  the browser origins allowed to call the API cross-origin, each exactly as a browser sends
 *                        it in {@code Origin}: {@code https://app.example.com} or {@code http://localhost:5173}
 * @param corsMaxAge      how long a browser may cache a preflight answer
 * @param retryAfter      what {@code Retry-After} suggests when the database cannot be reached
 */
public record RestSettings(Set<String> allowedOrigins, Duration corsMaxAge, Duration retryAfter) {

    public static final Duration DEFAULT_CORS_MAX_AGE = Duration.ofMinutes(10);
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    public RestSettings {
        Set<String> checked = new LinkedHashSet<>();
        for (String origin : allowedOrigins) {
            checked.add(checkOrigin(origin));
        }
        allowedOrigins = Set.copyOf(checked);
        if (corsMaxAge.isNegative() || retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("corsMaxAge must not be negative and retryAfter must be positive");
        }
    }

    /** The defaults with these origins. */
    public static RestSettings allowingOrigins(List<String> origins) {
        return new RestSettings(new LinkedHashSet<>(origins), DEFAULT_CORS_MAX_AGE, DEFAULT_RETRY_AFTER);
    }

    /** The headers every answer carries, for these settings' origins: the API's answers and a transport's own. */
    public EdgeResponses edgeResponses() {
        return new EdgeResponses(allowedOrigins, corsMaxAge);
    }

    private static String checkOrigin(String origin) {
        String problem = "CORS origin must be scheme://host[:port] with no path, such as https://app.example.com: ";
        try {
            URI uri = new URI(origin);
            boolean valid = uri.getScheme() != null && uri.getHost() != null && uri.getRawPath().isEmpty()
                    && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null
                    && (uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                    && origin.equals(origin.toLowerCase(Locale.ROOT));
            if (!valid) {
                throw new IllegalArgumentException(problem + origin);
            }
            return origin;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(problem + origin, e);
        }
    }
}
