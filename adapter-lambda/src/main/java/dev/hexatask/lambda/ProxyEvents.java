package dev.hexatask.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.hexatask.rest.http.HttpHeaders;
import dev.hexatask.rest.http.HttpRequest;
import dev.hexatask.rest.http.HttpResponse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Translates API Gateway REST API proxy events (payload format 1.0) to and from adapter-rest's transport-neutral
 * request and response. No route, status or JSON decision is made here.
 */
final class ProxyEvents {

    private ProxyEvents() {
    }

    /** The event does not describe an HTTP request that can be handed on. */
    static final class UnreadableEventException extends Exception {

        private final boolean body;

        UnreadableEventException(String reason, boolean body) {
            super(reason, null, false, false);
            this.body = body;
        }

        /** Whether the body is what cannot be read (the rest of the event could be). */
        boolean body() {
            return body;
        }
    }

    static HttpRequest toRequest(APIGatewayProxyRequestEvent event) throws UnreadableEventException {
        if (event == null) {
            throw new UnreadableEventException("no event", false);
        }
        String method = event.getHttpMethod();
        if (method == null || method.isEmpty()) {
            throw new UnreadableEventException("the event has no httpMethod", false);
        }
        APIGatewayProxyRequestEvent.ProxyRequestContext context = event.getRequestContext();
        String path = apiPath(event, context);
        if (path == null) {
            throw new UnreadableEventException("the event has no path", false);
        }
        return new HttpRequest(method, path, query(event), headers(event), body(event),
                Optional.ofNullable(context == null || context.getIdentity() == null ? null
                        : context.getIdentity().getSourceIp()),
                Optional.ofNullable(context == null ? null : context.getRequestId()));
    }

    static APIGatewayProxyResponseEvent toEvent(HttpResponse response) {
        Map<String, List<String>> multiValueHeaders = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().toMap().forEach((name, values) -> {
            multiValueHeaders.put(name, values);
            // API Gateway merges both maps and keeps a pair found in both once; clients reading headers alone
            // (local tools, tests) still see every header.
            headers.put(name, values.getFirst());
        });
        APIGatewayProxyResponseEvent event = new APIGatewayProxyResponseEvent()
                .withStatusCode(response.status())
                .withHeaders(headers)
                .withMultiValueHeaders(multiValueHeaders);
        byte[] body = response.body();
        Optional<String> text = utf8(body);
        if (text.isPresent()) {
            return event.withBody(text.get()).withIsBase64Encoded(false);
        }
        return event.withBody(Base64.getEncoder().encodeToString(body)).withIsBase64Encoded(true);
    }

    /**
     * The path below the API's base, percent-encoded. API Gateway's {@code path} may carry the stage (when the
     * API's own URL is called) and a custom domain's base path before it; {@code resource} and its path parameters
     * tell how many trailing segments belong to the API.
     */
    private static String apiPath(APIGatewayProxyRequestEvent event,
                                  APIGatewayProxyRequestEvent.ProxyRequestContext context) {
        String path = event.getPath() != null ? event.getPath() : context == null ? null : context.getPath();
        if (path == null || path.isEmpty()) {
            return null;
        }
        path = encodePath(path.startsWith("/") ? path : "/" + path);
        String stage = context == null ? null : context.getStage();
        Integer segments = resourceSegments(event.getResource(), event.getPathParameters());
        List<String> parts = segments(path);
        if (segments != null && parts.size() > segments) {
            return "/" + String.join("/", parts.subList(parts.size() - segments, parts.size()));
        }
        if (segments == null && stage != null && !parts.isEmpty() && parts.getFirst().equals(stage)) {
            return "/" + String.join("/", parts.subList(1, parts.size()));
        }
        return path;
    }

    /** How many path segments the matched resource spans, or null when the event does not say. */
    private static Integer resourceSegments(String resource, Map<String, String> pathParameters) {
        if (resource == null || resource.isEmpty()) {
            return null;
        }
        int count = 0;
        for (String segment : segments(resource)) {
            if (segment.startsWith("{") && segment.endsWith("+}")) {
                String name = segment.substring(1, segment.length() - 2);
                String value = pathParameters == null ? null : pathParameters.get(name);
                if (value == null) {
                    return null;
                }
                // Every '/' in the greedy value starts another segment, an empty one included ("//tasks").
                count += value.split("/", -1).length;
            } else {
                count++;
            }
        }
        return count;
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>(List.of(path.split("/", -1)));
        if (!segments.isEmpty() && segments.getFirst().isEmpty()) {
            segments.removeFirst();
        }
        if (segments.size() == 1 && segments.getFirst().isEmpty()) {
            segments.clear();
        }
        return segments;
    }

    /**
     * Percent-encodes what may not stand in a path as it is (spaces, non-ASCII: API Gateway may pass them
     * decoded); escapes already present are kept, so an encoded {@code /} stays inside its segment.
     */
    static String encodePath(String path) {
        StringBuilder encoded = new StringBuilder(path.length());
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            // '%' stays as it is, a malformed escape included: deciding what it means is the router's job.
            if (b == '%' || isPathCharacter(b)) {
                encoded.append((char) b);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return encoded.toString();
    }

    /** RFC 3986 pchar and '/', without '%'. */
    private static boolean isPathCharacter(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || "-._~!$&'()*+,;=:@/".indexOf(b) >= 0;
    }

    /**
     * What can be read of any event, one that {@link #toRequest} refuses included: its method (GET when it has
     * none), its headers and API Gateway's request id, enough to answer it with the headers every answer carries.
     */
    static HttpRequest envelope(APIGatewayProxyRequestEvent event) {
        if (event == null) {
            return HttpRequest.of("GET", "/");
        }
        String method = event.getHttpMethod() == null || event.getHttpMethod().isEmpty() ? "GET"
                : event.getHttpMethod();
        var context = event.getRequestContext();
        return new HttpRequest(method, "/", Map.of(), headers(event), new byte[0], Optional.empty(),
                Optional.ofNullable(context == null ? null : context.getRequestId()));
    }

    /** The header fields; a null value, which API Gateway sends for an empty field, is the empty string. */
    static HttpHeaders headers(APIGatewayProxyRequestEvent event) {
        return HttpHeaders.of(fields(event.getMultiValueHeaders(), event.getHeaders()));
    }

    private static Map<String, List<String>> query(APIGatewayProxyRequestEvent event) {
        return fields(event.getMultiValueQueryStringParameters(), event.getQueryStringParameters());
    }

    /**
     * Headers and query parameters come twice in an event, once with every value and once with the last; the
     * multi-valued map is the whole truth when present. Null names are dropped, null values read as empty.
     */
    private static Map<String, List<String>> fields(Map<String, List<String>> multiValued,
                                                    Map<String, String> singleValued) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (multiValued != null) {
            multiValued.forEach((name, values) -> {
                if (name != null && values != null) {
                    fields.put(name, values.stream().map(value -> value == null ? "" : value).toList());
                }
            });
        } else if (singleValued != null) {
            singleValued.forEach((name, value) -> {
                if (name != null) {
                    fields.put(name, List.of(value == null ? "" : value));
                }
            });
        }
        return fields;
    }

    private static byte[] body(APIGatewayProxyRequestEvent event) throws UnreadableEventException {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new UnreadableEventException("isBase64Encoded is true but the body is not base64", true);
            }
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes as text when they are valid UTF-8 (every body this API writes is). */
    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
