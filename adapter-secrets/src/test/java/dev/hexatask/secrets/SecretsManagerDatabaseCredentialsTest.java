package dev.hexatask.secrets;

import dev.hexatask.application.fixtures.SettableClock;
import dev.hexatask.application.port.out.StorageUnavailableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.hexatask.secrets.FakeSecretsManager.SECRET_ARN;
import static dev.hexatask.secrets.FakeSecretsManager.answer;
import static dev.hexatask.secrets.FakeSecretsManager.error;
import static dev.hexatask.secrets.FakeSecretsManager.rdsJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real SDK client, with the URL-connection HTTP client, against a local Secrets Manager endpoint. */
class SecretsManagerDatabaseCredentialsTest {

    private static final String PASSWORD = "Old-Pa55word-0f-the-app";
    private static final String ROTATED = "New-Pa55word-0f-the-app";

    private static FakeSecretsManager secretsManager;
    private static SecretsManagerClient client;
    private static LogCapture logs;

    private final SettableClock clock = SettableClock.at("2026-11-25T12:00:00Z");
    private SecretsManagerDatabaseCredentials credentials;

    @BeforeAll
    static void startEndpoint() {
        logs = new LogCapture();
        secretsManager = new FakeSecretsManager();
        client = secretsManager.client();
    }

    @AfterAll
    static void stopEndpoint() {
        client.close();
        secretsManager.close();
        logs.close();
    }

    @BeforeEach
    void freshCredentials() {
        secretsManager.reset();
        logs.clear();
        credentials = new SecretsManagerDatabaseCredentials(client, SECRET_ARN,
                SecretsManagerDatabaseCredentials.DEFAULT_TTL, clock);
    }

    @AfterEach
    void noSecretInAnyLogLine() {
        logs.assertNoLineContains(PASSWORD, ROTATED, "Pa55word");
    }

    @Test
    void readsTheRdsSecretWithOneSignedGetSecretValueCall() {
        secretsManager.serveRds("app", PASSWORD, "db.abc.eu-west-1.rds.amazonaws.com", 5432, "hexatask");

        var current = credentials.current();

        assertThat(current.username()).isEqualTo("app");
        assertThat(current.password()).isEqualTo(PASSWORD);
        assertThat(credentials.secret().jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.abc.eu-west-1.rds.amazonaws.com:5432/hexatask?sslmode=require");
        secretsManager.server().verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential="
                        + FakeSecretsManager.ACCESS_KEY + "/\\d{8}/eu-west-1/secretsmanager/aws4_request, .*"))
                .withRequestBody(equalToJson("{\"SecretId\": \"" + SECRET_ARN + "\"}")));
    }

    @Test
    void servesTheCopyItReadForTheWholeTtlThenReadsAgain() {
        secretsManager.serveRds("app", PASSWORD, "localhost", 5432, "hexatask");
        assertThat(credentials.current().password()).isEqualTo(PASSWORD);
        secretsManager.serveRds("app", ROTATED, "localhost", 5432, "hexatask");

        for (var i = 0; i < 5; i++) {
            assertThat(credentials.current().password()).isEqualTo(PASSWORD);
        }
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(credentials.current().password()).isEqualTo(PASSWORD);
        assertThat(secretsManager.getSecretValueCalls()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(credentials.current().password()).isEqualTo(ROTATED);
        assertThat(secretsManager.getSecretValueCalls()).isEqualTo(2);
    }

    @Test
    void honoursAShorterTtl() {
        var shortLived = new SecretsManagerDatabaseCredentials(client, SECRET_ARN, Duration.ofSeconds(30), clock);
        secretsManager.serveRds("app", PASSWORD, "localhost", 5432, "hexatask");
        shortLived.current();

        clock.advance(Duration.ofSeconds(29));
        shortLived.current();
        assertThat(secretsManager.getSecretValueCalls()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        shortLived.current();
        assertThat(secretsManager.getSecretValueCalls()).isEqualTo(2);
    }

    @Test
    void refreshReadsTheSecretWhateverTheCacheHolds() {
        secretsManager.serveRds("app", PASSWORD, "localhost", 5432, "hexatask");
        credentials.current();
        secretsManager.serveRds("app", ROTATED, "localhost", 5432, "hexatask");

        assertThat(credentials.refresh().password()).isEqualTo(ROTATED);
        assertThat(credentials.current().password()).isEqualTo(ROTATED);
        assertThat(credentials.refresh().password()).isEqualTo(ROTATED);
        assertThat(secretsManager.getSecretValueCalls()).isEqualTo(3);
        // The last refresh found the version it had served: it looked for AWSPENDING (here there is none).
        assertThat(secretsManager.pendingReads()).isEqualTo(1);
    }

    /**
     * Regression test: between a single-user rotation's setSecret and finishSecret the database has AWSPENDING's
     * password while AWSCURRENT still labels the old one, and a refresh that read only AWSCURRENT handed the refused
     * password back until the label moved: new connections failed once that outlasted their wait (found by the
     * Lambda rotation run). Now the refresh serves AWSPENDING, and AWSCURRENT again should that be refused too.
     */
    @Test
    void aRefreshThatFindsTheRefusedVersionStillCurrentServesThePendingOne() throws Exception {
        String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:hexatask/rotating-AbCdEf";
        try (var local = dev.hexatask.secrets.testing.LocalSecretsManager.serving(arn,
                rdsJson("app", PASSWORD, "localhost", 5432, "hexatask"))) {
            var localClient = SecretsManagerClients.create(FakeSecretsManager.REGION,
                    software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                    FakeSecretsManager.ACCESS_KEY, "not-a-real-secret-key")),
                    java.net.URI.create(local.endpoint()));
            var rotating = new SecretsManagerDatabaseCredentials(localClient, arn,
                    SecretsManagerDatabaseCredentials.DEFAULT_TTL, clock);
            assertThat(rotating.current().password()).isEqualTo(PASSWORD);
            assertThat(rotating.refresh().password()).as("no rotation under way").isEqualTo(PASSWORD);

            localClient.putSecretValue(request -> request.secretId(arn).clientRequestToken("rotation-token-1")
                    .secretString(rdsJson("app", ROTATED, "localhost", 5432, "hexatask"))
                    .versionStages("AWSPENDING"));
            assertThat(rotating.refresh().password()).as("AWSCURRENT refused again: AWSPENDING").isEqualTo(ROTATED);
            assertThat(rotating.current().password()).isEqualTo(ROTATED);
            assertThat(rotating.refresh().password()).as("AWSPENDING refused too: AWSCURRENT").isEqualTo(PASSWORD);
            assertThat(rotating.refresh().password()).isEqualTo(ROTATED);
            // Served for a short while only: then AWSCURRENT is read again.
            clock.advance(SecretsManagerDatabaseCredentials.STALE_RETRY_DELAY.plusSeconds(1));
            assertThat(rotating.current().password()).isEqualTo(PASSWORD);

            String old = local.stages(arn).keySet().iterator().next();
            localClient.updateSecretVersionStage(request -> request.secretId(arn).versionStage("AWSCURRENT")
                    .moveToVersionId("rotation-token-1").removeFromVersionId(old));
            assertThat(rotating.refresh().password()).as("finishSecret done").isEqualTo(ROTATED);
            assertThat(rotating.refresh().password()).as("the previous version is not pending").isEqualTo(ROTATED);
            localClient.close();
        }
    }

    @Test
    void aThrottledCallIsRetriedBySdk() {
        secretsManager.answerInTurn(error(400, "ThrottlingException", "Rate exceeded"),
                secretsManager.secretValue(rdsJson("app", PASSWORD, "localhost", 5432, "hexatask")));

        assertThat(credentials.current().password()).isEqualTo(PASSWORD);
        assertThat(secretsManager.getSecretValueCalls()).isEqualTo(2);
    }

    @Test
    void failsClearlyWhenThrottledOnEveryAttempt() {
        secretsManager.answerInTurn(error(400, "ThrottlingException", "Rate exceeded"));

        assertThatThrownBy(credentials::current)
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessage("Could not read database secret " + SECRET_ARN
                        + ": ThrottlingException (HTTP 400, request id req-400)");
        assertThat(secretsManager.getSecretValueCalls()).isEqualTo(3);
    }

    @Test
    void serverErrorsAreRetriedBySdk() {
        secretsManager.answerInTurn(error(500, "InternalServiceError", "internal"),
                error(503, "ServiceUnavailable", "unavailable"),
                secretsManager.secretValue(rdsJson("app", PASSWORD, "localhost", 5432, "hexatask")));

        assertThat(credentials.current().password()).isEqualTo(PASSWORD);
        assertThat(secretsManager.getSecretValueCalls()).isEqualTo(3);
    }

    @Test
    void failsClearlyWhenTheServerErrsOnEveryAttempt() {
        secretsManager.answerInTurn(error(500, "InternalServiceError", "internal"));

        assertThatThrownBy(credentials::current)
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessage("Could not read database secret " + SECRET_ARN
                        + ": InternalServiceError (HTTP 500, request id req-500)");
        assertThat(secretsManager.getSecretValueCalls()).isEqualTo(3);
    }

    @Test
    void doesNotRetryAnAnswerThatCannotChange() {
        secretsManager.answerInTurn(error(400, "ResourceNotFoundException",
                "Secrets Manager can't find the specified secret."));

        assertThatThrownBy(credentials::current)
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("ResourceNotFoundException (HTTP 400");
        assertThat(secretsManager.getSecretValueCalls()).isEqualTo(1);
    }

    @Test
    void failsClearlyWhenTheEndpointCannotBeReached() {
        var unreachable = SecretsManagerClients.create(FakeSecretsManager.REGION,
                software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create(),
                java.net.URI.create("http://127.0.0.1:1"));
        var cannotRead = new SecretsManagerDatabaseCredentials(unreachable, SECRET_ARN);

        assertThatThrownBy(cannotRead::current)
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageStartingWith("Could not read database secret " + SECRET_ARN + ": SdkClientException");
    }

    @Test
    void explainsMalformedSecretJsonWithoutShowingIt() {
        secretsManager.serve("{\"username\":\"app\",\"password\":" + PASSWORD + ",\"host\":\"localhost\"}");

        assertThatThrownBy(credentials::current)
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageStartingWith("Database secret " + SECRET_ARN + " is unusable: the secret is not valid JSON")
                .hasNoCause()
                .message().doesNotContain(PASSWORD);
    }

    @Test
    void namesTheMissingField() {
        secretsManager.serve("{\"username\":\"app\",\"password\":\"" + PASSWORD + "\",\"host\":\"localhost\"}");

        assertThatThrownBy(credentials::current)
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessage("Database secret " + SECRET_ARN + " is unusable: field \"port\" is missing");
    }

    @Test
    void explainsABinarySecret() {
        secretsManager.answerInTurn(answer(200, Map.of("ARN", SECRET_ARN, "Name", "hexatask/db",
                "VersionId", "v1", "SecretBinary", "AAEC")));

        assertThatThrownBy(credentials::current)
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessage("Database secret " + SECRET_ARN + " has no SecretString (is it a binary secret?)");
    }

    @Test
    void keepsServingTheLastCopyWhenSecretsManagerFailsAfterTheTtl() {
        secretsManager.serveRds("app", PASSWORD, "localhost", 5432, "hexatask");
        credentials.current();
        secretsManager.reset();
        secretsManager.answerInTurn(error(500, "InternalServiceError", "internal"));
        clock.advance(Duration.ofMinutes(6));

        assertThat(credentials.current().password()).isEqualTo(PASSWORD);
        assertThat(credentials.current().password()).isEqualTo(PASSWORD);
        assertThat(secretsManager.getSecretValueCalls()).as("one failed read of 3 attempts, then a pause")
                .isEqualTo(3);
        assertThatThrownBy(credentials::refresh).isInstanceOf(StorageUnavailableException.class);

        secretsManager.reset();
        secretsManager.serveRds("app", ROTATED, "localhost", 5432, "hexatask");
        clock.advance(SecretsManagerDatabaseCredentials.STALE_RETRY_DELAY);
        assertThat(credentials.current().password()).isEqualTo(ROTATED);
    }

    @Test
    void failsWhenThereIsNoEarlierCopyToServe() {
        secretsManager.answerInTurn(error(500, "InternalServiceError", "internal"),
                error(500, "InternalServiceError", "internal"), error(500, "InternalServiceError", "internal"),
                secretsManager.secretValue(rdsJson("app", PASSWORD, "localhost", 5432, "hexatask")));

        assertThatThrownBy(credentials::current).isInstanceOf(StorageUnavailableException.class);
        assertThat(credentials.current().password()).isEqualTo(PASSWORD);
    }

    @Test
    void concurrentRefreshesShareReadsThatStartedAfterThem() throws Exception {
        secretsManager.serveRds("app", PASSWORD, "localhost", 5432, "hexatask");
        var threads = 8;
        var start = new java.util.concurrent.CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
            var results = new java.util.ArrayList<java.util.concurrent.Future<String>>();
            for (var i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return credentials.refresh().password();
                }));
            }
            start.countDown();
            for (var result : results) {
                assertThat(result.get()).isEqualTo(PASSWORD);
            }
        }
        assertThat(secretsManager.getSecretValueCalls()).isBetween(1, threads);
    }

    @Test
    void carriesEveryNaughtyPasswordThroughTheSdkExactly() {
        for (var naughty : NaughtyStrings.all()) {
            if (naughty.isBlank() || naughty.indexOf('\0') >= 0) {
                continue;
            }
            secretsManager.serveRds(naughty, naughty, "localhost", 5432, "hexatask");

            var refreshed = credentials.refresh();

            assertThat(refreshed.password()).isEqualTo(naughty);
            assertThat(refreshed.username()).isEqualTo(naughty);
        }
    }

    @Test
    void describesItselfWithoutTheSecret() {
        secretsManager.serveRds("app", PASSWORD, "localhost", 5432, "hexatask");
        credentials.current();

        assertThat(credentials.toString()).contains(SECRET_ARN, "PT5M").doesNotContain(PASSWORD);
    }
}
