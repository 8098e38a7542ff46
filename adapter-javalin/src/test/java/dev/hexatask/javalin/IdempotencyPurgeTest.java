package dev.hexatask.javalin;

import dev.hexatask.application.fixtures.SettableClock;
import dev.hexatask.application.service.IdempotencyRecordsPurge;
import dev.hexatask.persistence.PostgresPersistence;
import dev.hexatask.persistence.testing.PostgresTestDatabase;
import dev.hexatask.persistence.testing.TestDatabase;
import dev.hexatask.rest.http.HttpRequest;
import dev.hexatask.rest.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The server deletes expired idempotency records by itself, on real PostgreSQL. */
@ExtendWith(PostgresTestDatabase.class)
class IdempotencyPurgeTest {

    private static final Duration PATIENCE = IdempotencyPurgeSchedule.FIRST_RUN_AFTER.plusSeconds(10);

    private final TestDatabase database;

    IdempotencyPurgeTest(TestDatabase database) {
        this.database = database;
    }

    @BeforeEach
    void clear() {
        database.clear();
    }

    @Test
    void recordsThatExpiredWhileTheServerWasDownAreDeletedSoonAfterItStarts() throws Exception {
        try (TestStack stack = TestStack.start(database)) {
            for (String key : List.of("old-1", "old-2", "fresh")) {
                assertThat(createWithKey(stack, key).status()).isEqualTo(201);
            }
        }
        database.execute("update idempotency_records set created_at = now() - interval '2 days', "
                + "expires_at = now() - interval '1 day' where idempotency_key like 'old-%'");

        try (TestStack ignored = TestStack.start(database)) {
            awaitKeys(List.of("fresh"));
        }
        assertThat(taskCount()).isEqualTo(3);
    }

    @Test
    void theScheduleRunsAgainAndAgain() throws Exception {
        try (TestStack stack = TestStack.start(database)) {
            assertThat(createWithKey(stack, "first").status()).isEqualTo(201);
            assertThat(createWithKey(stack, "second").status()).isEqualTo(201);
        }
        PostgresPersistence persistence = database.persistence();
        SettableClock clock = new SettableClock(Instant.now());
        IdempotencyRecordsPurge purge = new IdempotencyRecordsPurge(persistence.idempotencyRecords(),
                persistence.transactions(), clock, 1);
        try (IdempotencyPurgeSchedule ignored = IdempotencyPurgeSchedule.start(purge, Duration.ZERO,
                Duration.ofMillis(100))) {
            Thread.sleep(400);
            assertThat(keys()).containsExactlyInAnyOrder("first", "second");
            clock.advance(Duration.ofHours(25));
            awaitKeys(List.of());
        }
    }

    private static HttpResponse createWithKey(TestStack stack, String key) {
        return HttpClients.send(stack.apiBase(), HttpRequest.of("POST", "/tasks")
                .withHeader("Authorization", stack.identityProvider.authorizationHeader("purge-user", "purge"))
                .withHeader("Content-Type", "application/json")
                .withHeader("Idempotency-Key", key)
                .withBody(("{\"title\":\"Made with key " + key + "\"}").getBytes(StandardCharsets.UTF_8)));
    }

    private void awaitKeys(List<String> expected) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!keys().equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(keys()).containsExactlyElementsOf(expected);
    }

    private List<String> keys() throws SQLException {
        try (var connection = database.connect(); var statement = connection.createStatement();
             var rows = statement.executeQuery("select idempotency_key from idempotency_records order by 1")) {
            List<String> keys = new java.util.ArrayList<>();
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
            return keys;
        }
    }

    private long taskCount() throws SQLException {
        try (var connection = database.connect(); var statement = connection.createStatement();
             var rows = statement.executeQuery("select count(*) from tasks")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
