package dev.hexatask.lambda.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds API Gateway REST API proxy events as API Gateway sends them for a {@code /{proxy+}} resource: both the
 * single- and multi-value maps of headers and query parameters (the single-value ones keep the last value), the
 * stage in {@code requestContext}, a request id, the caller's address, an X-Ray trace header, and a body that is
 * base64 when asked for or when it is not UTF-8 text.
 */
public final class ProxyEventFactory {

    private final String stage;

    public ProxyEventFactory(String stage) {
        this.stage = stage;
    }

    /**
     * @param path    below the API's base, percent-encoded as on the wire, with no query
     * @param query   decoded names and values
     * @param headers names as the client wrote them
     * @param base64  whether to send the body base64-encoded even when it is text
     */
    public APIGatewayProxyRequestEvent event(String method, String path, Map<String, List<String>> query,
                                             Map<String, List<String>> headers, byte[] body, boolean base64) {
        String requestId = UUID.randomUUID().toString();
        Map<String, List<String>> multiHeaders = new LinkedHashMap<>(headers);
        multiHeaders.putIfAbsent("Host", List.of("abcdef1234.execute-api.eu-west-1.amazonaws.com"));
        multiHeaders.putIfAbsent("X-Forwarded-For", List.of("203.0.113.10"));
        multiHeaders.putIfAbsent("X-Forwarded-Proto", List.of("https"));
        multiHeaders.putIfAbsent("X-Amzn-Trace-Id", List.of(traceId()));
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withRequestId(requestId)
                .withExtendedRequestId(requestId.substring(0, 8) + "=")
                .withStage(stage)
                .withHttpMethod(method)
                .withPath("/" + stage + path)
                .withResourcePath(path.equals("/") ? "/" : "/{proxy+}")
                .withResourceId("a1b2c3")
                .withApiId("abcdef1234")
                .withAccountId("123456789012")
                .withProtocol("HTTP/1.1")
                .withRequestTimeEpoch(Instant.now().toEpochMilli())
                .withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity()
                        .withSourceIp("203.0.113.10")
                        .withUserAgent(multiHeaders.getOrDefault("User-Agent", List.of("hexatask-test")).getFirst()));
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withHttpMethod(method)
                .withPath(path)
                .withResource(path.equals("/") ? "/" : "/{proxy+}")
                .withPathParameters(path.equals("/") ? null
                        : Map.of("proxy", percentDecoded(path.substring(1))))
                .withHeaders(lastValues(multiHeaders))
                .withMultiValueHeaders(multiHeaders)
                .withQueryStringParameters(query.isEmpty() ? null : lastValues(query))
                .withMultiValueQueryStringParameters(query.isEmpty() ? null : query)
                .withRequestContext(context);
        if (body == null || body.length == 0) {
            return event.withIsBase64Encoded(false);
        }
        boolean text = isUtf8(body);
        if (base64 || !text) {
            return event.withBody(Base64.getEncoder().encodeToString(body)).withIsBase64Encoded(true);
        }
        return event.withBody(new String(body, StandardCharsets.UTF_8)).withIsBase64Encoded(false);
    }

    /** The path parameter as API Gateway gives it: escapes decoded, a malformed one kept as it is. */
    static String percentDecoded(String text) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length && Character.digit(raw[i + 1], 16) >= 0
                    && Character.digit(raw[i + 2], 16) >= 0) {
                bytes.write(Character.digit(raw[i + 1], 16) * 16 + Character.digit(raw[i + 2], 16));
                i += 2;
            } else {
                bytes.write(raw[i]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, String> lastValues(Map<String, List<String>> values) {
        Map<String, String> last = new LinkedHashMap<>();
        values.forEach((name, list) -> {
            if (!list.isEmpty()) {
                last.put(name, list.getLast());
            }
        });
        return last;
    }

    private static String traceId() {
        byte[] random = new byte[12];
        ThreadLocalRandom.current().nextBytes(random);
        return "Root=1-" + Long.toHexString(Instant.now().getEpochSecond()) + "-" + HexFormat.of().formatHex(random)
                + ";Sampled=0";
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /**
     * A path as someone types it ({@code /tasks/ä b}) percent-encoded segment by segment; escapes already in it
     * are kept.
     */
    public static String encodePathSegments(String path) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@/%".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }

    /** Splits {@code a=1&b=2} into decoded names and values. */
    public static Map<String, List<String>> parseQuery(String query) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return values;
        }
        for (String pair : query.split("&")) {
            String[] parts = pair.split("=", 2);
            String name = percentDecoded(parts[0].replace("+", " "));
            String value = parts.length == 2 ? percentDecoded(parts[1].replace("+", " ")) : "";
            values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return values;
    }
}
