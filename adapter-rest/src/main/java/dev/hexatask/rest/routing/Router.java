package dev.hexatask.rest.routing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the route for a method and a path. Paths arrive percent-encoded; each segment is decoded on its own after
 * splitting, so an encoded {@code /} stays inside its segment. Literal segments win over parameters
 * ({@code /tasks/summary} before {@code /tasks/{id}}).
 */
public final class Router {

    private final List<Route> routes;

    public Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /** The routes, in matching order. */
    public List<Route> routes() {
        return routes;
    }

    /** What a request's method and path lead to. */
    public sealed interface Match {
        /** A route answers this method on this path. */
        record Found(Route route, Map<String, String> pathParameters) implements Match {
        }

        /** The path exists, but not for this method. */
        record WrongMethod(String template, Set<String> allowed) implements Match {
        }

        /** No route has this path. */
        record NoRoute() implements Match {
        }
    }

    public Match match(String method, String rawPath) {
        Optional<List<String>> decoded = segments(rawPath);
        if (decoded.isEmpty()) {
            return new Match.NoRoute();
        }
        List<String> segments = decoded.get();
        String bestTemplate = null;
        int bestScore = -1;
        for (Route route : routes) {
            int score = score(route.segments(), segments);
            if (score > bestScore) {
                bestScore = score;
                bestTemplate = route.template();
            }
        }
        if (bestTemplate == null) {
            return new Match.NoRoute();
        }
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            if (route.template().equals(bestTemplate)) {
                if (route.method().equals(method)) {
                    return new Match.Found(route, parameters(route.segments(), segments));
                }
                allowed.add(route.method());
            }
        }
        return new Match.WrongMethod(bestTemplate, allowed);
    }

    /** -1 when the template does not fit; otherwise higher for more literal segments. */
    private static int score(List<String> template, List<String> segments) {
        if (template.size() != segments.size()) {
            return -1;
        }
        int literals = 0;
        for (int i = 0; i < template.size(); i++) {
            String part = template.get(i);
            if (isParameter(part)) {
                if (segments.get(i).isEmpty()) {
                    return -1;
                }
            } else if (part.equals(segments.get(i))) {
                literals++;
            } else {
                return -1;
            }
        }
        return literals;
    }

    private static Map<String, String> parameters(List<String> template, List<String> segments) {
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < template.size(); i++) {
            if (isParameter(template.get(i))) {
                String part = template.get(i);
                parameters.put(part.substring(1, part.length() - 1), segments.get(i));
            }
        }
        return parameters;
    }

    private static boolean isParameter(String part) {
        return part.startsWith("{") && part.endsWith("}");
    }

    /** The decoded segments; empty when the path is not absolute or not well-formed percent-encoded UTF-8. */
    private static Optional<List<String>> segments(String rawPath) {
        if (!rawPath.startsWith("/")) {
            return Optional.empty();
        }
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.substring(1).split("/", -1)) {
            Optional<String> segment = percentDecode(raw);
            if (segment.isEmpty()) {
                return Optional.empty();
            }
            segments.add(segment.get());
        }
        return Optional.of(segments);
    }

    private static Optional<String> percentDecode(String raw) {
        if (raw.indexOf('%') < 0) {
            return Optional.of(raw);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            int c = raw.codePointAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                byte[] encoded = Character.toString(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(c) - 1;
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
