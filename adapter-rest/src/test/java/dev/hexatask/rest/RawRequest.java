package dev.hexatask.rest;

import dev.hexatask.rest.http.HttpRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * A fuzz input read as a request in a plain text form close to HTTP/1.1, so that seed inputs are readable files:
 * <pre>
 * METHOD /path?name=value&amp;name=value
 * Header-Name: value
 *
 * body bytes
 * </pre>
 * The path stays percent-encoded (as {@link HttpRequest} wants it); query names and values are percent-decoded as a
 * transport would, a malformed escape left as it is. Anything unreadable still gives a request: reading never fails.
 */
final class RawRequest {

    private RawRequest() {
    }

    static HttpRequest parse(byte[] input, UnaryOperator<String> placeholders) {
        int split = indexOf(input, new byte[] {'\n', '\n'});
        byte[] head = split < 0 ? input : Arrays.copyOf(input, split);
        byte[] body = split < 0 ? new byte[0] : Arrays.copyOfRange(input, split + 2, input.length);
        String[] lines = new String(head, StandardCharsets.UTF_8).split("\n", -1);
        String requestLine = placeholders.apply(lines[0]);
        int space = requestLine.indexOf(' ');
        String method = space < 0 ? requestLine : requestLine.substring(0, space);
        String target = space < 0 ? "" : requestLine.substring(space + 1);
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        HttpRequest request = HttpRequest.of(method, path).withBody(body);
        if (question >= 0) {
            for (String pair : target.substring(question + 1).split("&", -1)) {
                int equals = pair.indexOf('=');
                request = equals < 0 ? request.withQueryParameter(decode(pair), "")
                        : request.withQueryParameter(decode(pair.substring(0, equals)),
                        decode(pair.substring(equals + 1)));
            }
        }
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                request = request.withHeader(lines[i].substring(0, colon),
                        placeholders.apply(lines[i].substring(colon + 1).strip()));
            }
        }
        return request;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static int indexOf(byte[] bytes, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
