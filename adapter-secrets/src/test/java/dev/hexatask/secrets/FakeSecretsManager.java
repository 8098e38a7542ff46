package dev.hexatask.secrets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

/**
 * A local HTTP endpoint that answers the Secrets Manager JSON protocol ({@code POST /} with
 * {@code X-Amz-Target: secretsmanager.GetSecretValue}), for the real SDK client.
 */
final class FakeSecretsManager implements AutoCloseable {

    static final String SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:hexatask/db-AbCdEf";
    static final Region REGION = Region.EU_WEST_1;
    static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String TARGET = "secretsmanager.GetSecretValue";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;
    private int versions;

    FakeSecretsManager() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(8)
                .jettyAcceptors(1));
        server.start();
    }

    SecretsManagerClient client() {
        return SecretsManagerClients.create(REGION,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, "not-a-real-secret-key")),
                URI.create(server.baseUrl()));
    }

    WireMockServer server() {
        return server;
    }

    void reset() {
        server.resetAll();
    }

    /** From now on, GetSecretValue answers with this SecretString. */
    void serve(String secretString) {
        server.stubFor(getSecretValue().willReturn(secretValue(secretString)));
    }

    void serveRds(String username, String password, String host, int port, String dbname) {
        serve(rdsJson(username, password, host, port, dbname));
    }

    /** Answers the given responses in turn, then keeps answering the last one. */
    void answerInTurn(ResponseDefinitionBuilder... responses) {
        var state = STARTED;
        for (var i = 0; i < responses.length; i++) {
            var next = i == responses.length - 1 ? state : "answer-" + (i + 1);
            server.stubFor(getSecretValue().inScenario("turns").whenScenarioStateIs(state)
                    .willReturn(responses[i]).willSetStateTo(next));
            state = next;
        }
    }

    /** Reads of the current version (the refreshes' look for AWSPENDING are {@link #pendingReads()}). */
    int getSecretValueCalls() {
        return server.countRequestsMatching(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(TARGET))
                .withRequestBody(notContaining("AWSPENDING")).build()).getCount();
    }

    int pendingReads() {
        return server.countRequestsMatching(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(TARGET))
                .withRequestBody(containing("AWSPENDING")).build()).getCount();
    }

    ResponseDefinitionBuilder secretValue(String secretString) {
        var body = new LinkedHashMap<String, Object>();
        body.put("ARN", SECRET_ARN);
        body.put("Name", "hexatask/db");
        body.put("VersionId", "00000000-0000-4000-8000-" + String.format("%012d", ++versions));
        body.put("SecretString", secretString);
        body.put("VersionStages", new String[] {"AWSCURRENT"});
        body.put("CreatedDate", 1.7645472E9);
        return answer(200, body);
    }

    static ResponseDefinitionBuilder error(int status, String type, String message) {
        return answer(status, Map.of("__type", type, "message", message));
    }

    static ResponseDefinitionBuilder answer(int status, Map<String, ?> body) {
        try {
            return aResponse().withStatus(status).withHeader("Content-Type", CONTENT_TYPE)
                    .withHeader("x-amzn-RequestId", "req-" + status)
                    .withBody(JSON.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String rdsJson(String username, String password, String host, int port, String dbname) {
        var secret = new LinkedHashMap<String, Object>();
        secret.put("username", username);
        secret.put("password", password);
        secret.put("engine", "postgres");
        secret.put("host", host);
        secret.put("port", port);
        secret.put("dbname", dbname);
        secret.put("dbInstanceIdentifier", "hexatask-dev");
        return json(secret);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MappingBuilder getSecretValue() {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET));
    }

    @Override
    public void close() {
        server.stop();
    }
}
