package dev.hexatask.rest.policy;

import dev.hexatask.rest.http.HttpResponse;

/**
 * Headers every API response carries: no MIME sniffing, no caching of personal data by browsers or proxies, no
 * referrer leaking the API's URLs.
 */
public final class SecurityHeaders {

    private SecurityHeaders() {
    }

    public static HttpResponse apply(HttpResponse response) {
        return response.withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("Cache-Control", "no-store")
                .withHeader("Referrer-Policy", "no-referrer");
    }
}
