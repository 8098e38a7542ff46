package dev.hexatask.persistence;

import dev.hexatask.persistence.testing.PostgresTestDatabase;
import dev.hexatask.persistence.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresTestDatabase.class)
class MigrationsTest {

    @Test
    void a_migrated_database_is_at_the_latest_version_and_migrating_again_changes_nothing(TestDatabase database) {
        assertThat(database.persistence().migrate()).isEqualTo("4");
    }

    @Test
    void the_migration_makes_a_random_cursor_signing_key_of_at_least_32_bytes(TestDatabase database) {
        byte[] key = database.persistence().cursorSecret().read();

        assertThat(key).hasSizeGreaterThanOrEqualTo(32);
        assertThat(key).isNotEqualTo(new byte[key.length]);
    }
}
