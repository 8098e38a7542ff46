package dev.hexatask.javalin.local;

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

/**
 * Gets an access token for a user from the local provider with the resource-owner password grant, which the
 * provider answers for any user name (the password is not checked): the same token the login page would give.
 */
final class TokenClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TokenClient() {
    }

    static String accessToken(String tokenEndpoint, String clientId, String scope, String username)
            throws IOException, InterruptedException {
        String form = "grant_type=password&username=" + encode(username) + "&password=local&client_id="
                + encode(clientId) + "&scope=" + encode(scope);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("the token endpoint answered " + response.statusCode());
        }
        JsonNode body = new ObjectMapper().readTree(response.body());
        String token = body.path("access_token").asText("");
        if (token.isEmpty()) {
            throw new IOException("the token endpoint's answer holds no access_token");
        }
        return token;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
