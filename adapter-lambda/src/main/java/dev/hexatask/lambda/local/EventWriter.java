package dev.hexatask.lambda.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code bin/dev event <METHOD> <path>[?query] [body] [--user NAME] [--base64]}: writes to standard output the proxy
 * event API Gateway would send for this request, with a fresh access token for the user from the local stack's OIDC
 * provider, ready for {@code bin/dev invoke}. {@code --base64} sends the body base64-encoded, as API Gateway does
 * for binary media types.
 */
public final class EventWriter {

    static final String DEFAULT_USER = "developer";

    private EventWriter() {
    }

    record Arguments(String method, String path, String query, String body, String user, boolean base64) {

        static Arguments parse(String[] args) {
            List<String> positional = new ArrayList<>();
            String user = DEFAULT_USER;
            boolean base64 = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--user" -> {
                        if (i + 1 >= args.length || args[i + 1].isBlank()) {
                            throw new IllegalArgumentException("--user needs a name");
                        }
                        user = args[++i];
                    }
                    case "--base64" -> base64 = true;
                    default -> positional.add(args[i]);
                }
            }
            if (positional.size() < 2 || positional.size() > 3) {
                throw new IllegalArgumentException("give a method and a path, and optionally a body");
            }
            String method = positional.get(0).toUpperCase(Locale.ROOT);
            if (!method.matches("[A-Z]{1,16}")) {
                throw new IllegalArgumentException("the method must be a word such as GET or POST");
            }
            String target = positional.get(1);
            if (!target.startsWith("/")) {
                throw new IllegalArgumentException("the path must start with /, e.g. /tasks");
            }
            int question = target.indexOf('?');
            String path = question < 0 ? target : target.substring(0, question);
            String query = question < 0 ? "" : target.substring(question + 1);
            return new Arguments(method, path, query, positional.size() == 3 ? positional.get(2) : null, user,
                    base64);
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        System.setProperty("LOG_TARGET", "System.err");
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: bin/dev event <METHOD> <path>[?query] [body] [--user NAME] [--base64]");
            System.exit(2);
            return;
        }
        System.out.println(write(arguments, LocalStack.read()));
    }

    /** The event as JSON, with a token fetched for the user from the stack's provider. */
    static String write(Arguments arguments, LocalStack stack) throws IOException, InterruptedException {
        String token = fetchToken(stack, arguments.user());
        return LocalInvoke.mapper().writeValueAsString(event(arguments, "Bearer " + token));
    }

    static APIGatewayProxyRequestEvent event(Arguments arguments, String authorization) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Accept", List.of("application/json"));
        headers.put("Authorization", List.of(authorization));
        headers.put("User-Agent", List.of("hexatask-bin-dev"));
        byte[] body = null;
        if (arguments.body() != null) {
            headers.put("Content-Type", List.of("application/json"));
            body = arguments.body().getBytes(StandardCharsets.UTF_8);
        }
        return new ProxyEventFactory("local").event(arguments.method(), ProxyEventFactory.encodePathSegments(
                arguments.path()), ProxyEventFactory.parseQuery(arguments.query()), headers, body, arguments.base64());
    }

    /**
     * An access token for the user from the provider's token endpoint: the resource owner password grant, which
     * the local provider (mock-oauth2-server) answers with a token whose subject is the user name.
     */
    static String fetchToken(LocalStack stack, String user) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("username", user);
        form.put("password", user);
        form.put("client_id", stack.clientId());
        form.put("scope", stack.scope().isBlank() ? "openid hexatask/api" : stack.scope());
        String encoded = form.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(stack.tokenEndpoint()))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Accept", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(encoded)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json = new ObjectMapper().readTree(response.body());
            String token = json.path("access_token").asText("");
            if (response.statusCode() != 200 || token.isEmpty()) {
                throw new IllegalStateException("The token endpoint " + stack.tokenEndpoint() + " answered "
                        + response.statusCode() + ": " + json.path("error").asText("no access_token"));
            }
            return token;
        }
    }
}
