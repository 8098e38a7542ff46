package dev.hexatask.secrets;

import dev.hexatask.application.fixtures.SettableClock;
import dev.hexatask.application.port.out.SortPosition;
import dev.hexatask.application.port.out.StorageUnavailableException;
import dev.hexatask.application.port.out.TaskSort;
import dev.hexatask.application.service.CursorCodec;
import dev.hexatask.domain.user.UserId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real SDK client against a local Secrets Manager endpoint that answers by version stage. */
class SecretsManagerCursorKeysTest {

    private static final String SECRET_ID = "/hexatask/test/cursor-key";
    private static final String FIRST = "first-cursor-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private static final String SECOND = "second-cursor-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private static final String THIRD = "third-cursor-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private static final UserId ALICE = UserId.of("alice");
    private static final CursorCodec.Cursor CURSOR = new CursorCodec.Cursor(TaskSort.values()[0], 7L,
            new SortPosition(Instant.parse("2026-11-25T10:15:30Z"), Optional.empty(), 1,
                    UUID.fromString("0b8f8e9e-2c1a-4f55-9d0e-5b7e0c7f1a11")));

    private static FakeSecretsManager secretsManager;
    private static SecretsManagerClient client;
    private static LogCapture logs;

    private final SettableClock clock = SettableClock.at("2026-11-25T12:00:00Z");
    private SecretsManagerCursorKeys keys;

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
    void freshKeys() {
        secretsManager.reset();
        logs.clear();
        keys = new SecretsManagerCursorKeys(client, SECRET_ID, SecretsManagerCursorKeys.DEFAULT_TTL, clock);
    }

    @AfterEach
    void noKeyInAnyLogLine() {
        logs.assertNoLineContains(FIRST, SECOND, THIRD, "cursor-key-0123");
    }

    @Test
    void aCursorSignedBeforeARotationStillDecodesAfterItUntilTheNextOne() {
        stage("AWSCURRENT", FIRST);
        noVersion("AWSPREVIOUS");
        var codec = CursorCodec.with(keys);
        var handedOut = codec.encode(ALICE, CURSOR);

        rotateTo(SECOND, FIRST);
        assertThat(codec.decode(ALICE, handedOut)).as("still within the TTL: the cached keys").contains(CURSOR);
        clock.advance(SecretsManagerCursorKeys.DEFAULT_TTL);
        assertThat(codec.decode(ALICE, handedOut)).as("signed with AWSPREVIOUS").contains(CURSOR);
        var afterRotation = codec.encode(ALICE, CURSOR);
        assertThat(new CursorCodec(bytes(SECOND)).decode(ALICE, afterRotation)).as("signed with AWSCURRENT")
                .contains(CURSOR);
        assertThat(new CursorCodec(bytes(FIRST)).decode(ALICE, afterRotation)).isEmpty();

        rotateTo(THIRD, SECOND);
        clock.advance(SecretsManagerCursorKeys.DEFAULT_TTL);
        assertThat(codec.decode(ALICE, handedOut)).as("two rotations old").isEmpty();
        assertThat(codec.decode(ALICE, afterRotation)).contains(CURSOR);
    }

    @Test
    void aCursorSignedWithAKeyTheSecretNeverHeldIsRefused() {
        stage("AWSCURRENT", SECOND);
        stage("AWSPREVIOUS", FIRST);
        var forged = new CursorCodec(bytes("a-key-that-was-never-in-the-secret-0123456789")).encode(ALICE, CURSOR);
        assertThat(CursorCodec.with(keys).decode(ALICE, forged)).isEmpty();
    }

    @Test
    void bothVersionsAreReadOncePerTtlWithTheRealClient() {
        stage("AWSCURRENT", SECOND);
        stage("AWSPREVIOUS", FIRST);
        var read = keys.current();
        assertThat(read.signing()).isEqualTo(bytes(SECOND));
        assertThat(read.verifying()).containsExactly(bytes(FIRST));
        assertThat(secretsManager.getSecretValueCalls()).isEqualTo(2);

        clock.advance(SecretsManagerCursorKeys.DEFAULT_TTL.minusSeconds(1));
        keys.current();
        assertThat(secretsManager.getSecretValueCalls()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(1));
        keys.current();
        assertThat(secretsManager.getSecretValueCalls()).isEqualTo(4);
        assertThat(logs.lines()).anyMatch(line -> line.contains("Read cursor key secret " + SECRET_ID));
    }

    @Test
    void whenSecretsManagerGoesAwayTheKeysReadLastAreKeptAndBeforeAnyReadItIsUnavailable() {
        secretsManager.server().stubFor(getSecretValue().willReturn(
                FakeSecretsManager.error(500, "InternalServiceError", "try later")));
        assertThatThrownBy(keys::current).isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining(SECRET_ID).hasMessageContaining("AWSCURRENT");

        secretsManager.reset();
        stage("AWSCURRENT", FIRST);
        noVersion("AWSPREVIOUS");
        assertThat(keys.current().signing()).isEqualTo(bytes(FIRST));
        secretsManager.reset();
        secretsManager.server().stubFor(getSecretValue().willReturn(
                FakeSecretsManager.error(500, "InternalServiceError", "try later")));
        clock.advance(SecretsManagerCursorKeys.DEFAULT_TTL);
        assertThat(keys.current().signing()).isEqualTo(bytes(FIRST));
        assertThat(logs.lines()).anyMatch(line -> line.contains("using the keys read earlier"));
    }

    @Test
    void aKeyShorterThan32BytesIsUnusableAndNotShown() {
        stage("AWSCURRENT", "short-key-1234");
        noVersion("AWSPREVIOUS");
        assertThatThrownBy(keys::current).isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("at least 32 bytes").hasMessageNotContaining("short-key-1234");
    }

    private void rotateTo(String current, String previous) {
        secretsManager.reset();
        stage("AWSCURRENT", current);
        stage("AWSPREVIOUS", previous);
    }

    private void stage(String stage, String secretString) {
        secretsManager.server().stubFor(getSecretValue().withRequestBody(equalToJson(
                "{\"SecretId\":\"" + SECRET_ID + "\",\"VersionStage\":\"" + stage + "\"}"))
                .willReturn(secretsManager.secretValue(secretString)));
    }

    private void noVersion(String stage) {
        secretsManager.server().stubFor(getSecretValue().withRequestBody(equalToJson(
                "{\"SecretId\":\"" + SECRET_ID + "\",\"VersionStage\":\"" + stage + "\"}"))
                .willReturn(FakeSecretsManager.error(400, "ResourceNotFoundException",
                        "Secrets Manager can't find the specified secret value for staging label: " + stage)));
    }

    private static com.github.tomakehurst.wiremock.client.MappingBuilder getSecretValue() {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(FakeSecretsManager.TARGET));
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
