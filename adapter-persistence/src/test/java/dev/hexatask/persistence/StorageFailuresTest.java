package dev.hexatask.persistence;

import dev.hexatask.application.port.out.StorageUnavailableException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures say the database cannot be reached (a 503 the client may retry) and which say it refused an
 * operation (a bug: a 500).
 */
class StorageFailuresTest {

    @Test
    void aBrokenConnectionIsUnavailable() {
        assertThat(StorageFailures.translate(new DataAccessException("insert",
                new SQLException("An I/O error occurred while sending to the backend.", "08006"))))
                .isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void aStatementOnAConnectionThePoolClosedAfterItBrokeIsUnavailable() {
        // HikariCP's own answer once it has closed a connection the driver reported broken: no SQLState. Seen in the
        // Lambda outage-under-load run as the one 500 among the frozen phase's answers.
        assertThat(StorageFailures.translate(new DataAccessException("select",
                new SQLException("Connection is closed"))))
                .isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void aConstraintViolationIsARefusalNamingItsConstraintButNoValue() {
        RuntimeException translated = StorageFailures.translate(new DataAccessException("insert",
                new SQLException("duplicate key value violates unique constraint", "23505")));
        assertThat(translated).isInstanceOf(IllegalStateException.class);
        assertThat(translated.getMessage()).isEqualTo("the database refused an operation (SQLState 23505)");
    }

    @Test
    void anyOtherFailureWithoutAStateIsARefusal() {
        assertThat(StorageFailures.translate(new DataAccessException("select", new SQLException("something else"))))
                .isInstanceOf(IllegalStateException.class);
    }
}
