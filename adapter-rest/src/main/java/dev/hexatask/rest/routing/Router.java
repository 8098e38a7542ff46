package dev.hexatask.rest.routing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the route for a method and a path. Paths arrive percent-encoded; each segment is decoded on its own after
 * splitting, so an encoded {@code /} stays inside its segment. Literal segments win over parameters
 * ({@code /tasks/summary} before {@code /tasks/{id}}).
 */
public final class Router {

    private final List<Route> routes;
    /** Each route's template split into segments once, in the order of {@link #routes}. */
    private final List<String[]> templates;

    public Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
        this.templates = this.routes.stream().map(route -> route.segments().toArray(String[]::new)).toList();
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
        String[] segments = segments(rawPath);
        if (segments == null) {
            return new Match.NoRoute();
        }
        String bestTemplate = null;
        int bestScore = -1;
        for (int i = 0; i < routes.size(); i++) {
            int score = score(templates.get(i), segments);
            if (score > bestScore) {
                bestScore = score;
                bestTemplate = routes.get(i).template();
            }
        }
        if (bestTemplate == null) {
            return new Match.NoRoute();
        }
        Set<String> allowed = new LinkedHashSet<>();
        for (int i = 0; i < routes.size(); i++) {
            Route route = routes.get(i);
            if (route.template().equals(bestTemplate)) {
                if (route.method().equals(method)) {
                    return new Match.Found(route, parameters(templates.get(i), segments));
                }
                allowed.add(route.method());
            }
        }
        return new Match.WrongMethod(bestTemplate, allowed);
    }

    /** -1 when the template does not fit; otherwise higher for more literal segments. */
    private static int score(String[] template, String[] segments) {
        if (template.length != segments.length) {
            return -1;
        }
        int literals = 0;
        for (int i = 0; i < template.length; i++) {
            String part = template[i];
            if (isParameter(part)) {
                if (segments[i].isEmpty()) {
                    return -1;
                }
            } else if (part.equals(segments[i])) {
                literals++;
            } else {
                return -1;
            }
        }
        return literals;
    }

    private static Map<String, String> parameters(String[] template, String[] segments) {
        Map<String, String> parameters = null;
        for (int i = 0; i < template.length; i++) {
            if (isParameter(template[i])) {
                String part = template[i];
                if (parameters == null) {
                    parameters = new HashMap<>();
                }
                parameters.put(part.substring(1, part.length() - 1), segments[i]);
            }
        }
        return parameters == null ? Map.of() : parameters;
    }

    private static boolean isParameter(String part) {
        return part.startsWith("{") && part.endsWith("}");
    }

    /**
     * The decoded segments; null when the path is not absolute or not well-formed percent-encoded UTF-8. Split by
     * hand: {@code String.split} builds a list and an array besides the segments on every request.
     */
    private static String[] segments(String rawPath) {
        if (!rawPath.startsWith("/")) {
            return null;
        }
        int count = 1;
        for (int i = 1; i < rawPath.length(); i++) {
            if (rawPath.charAt(i) == '/') {
                count++;
            }
        }
        String[] segments = new String[count];
        int start = 1;
        for (int i = 0; i < count; i++) {
            int end = rawPath.indexOf('/', start);
            if (end < 0) {
                end = rawPath.length();
            }
            String segment = percentDecode(rawPath.substring(start, end));
            if (segment == null) {
                return null;
            }
            segments[i] = segment;
            start = end + 1;
        }
        return segments;
    }

    /** The segment decoded; null when it is not well-formed percent-encoded UTF-8. */
    private static String percentDecode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            int c = raw.codePointAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
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
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
