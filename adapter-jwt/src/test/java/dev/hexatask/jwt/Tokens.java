package dev.hexatask.jwt;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Takes compact tokens apart and puts forged ones together, for tests that tamper with them. */
final class Tokens {

    private Tokens() {
    }

    static String[] segments(String token) {
        return token.split("\\.", -1);
    }

    static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String segment) {
        return new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8);
    }

    /** The token with its payload's JSON rewritten and the original signature kept. */
    static String withPayload(String token, String payloadJson) {
        String[] parts = segments(token);
        return parts[0] + "." + encode(payloadJson) + "." + parts[2];
    }

    /** The token with its header's JSON rewritten and the original signature kept. */
    static String withHeader(String token, String headerJson) {
        String[] parts = segments(token);
        return encode(headerJson) + "." + parts[1] + "." + parts[2];
    }
}
