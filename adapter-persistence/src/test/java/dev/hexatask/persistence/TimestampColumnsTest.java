package dev.hexatask.persistence;

import dev.hexatask.application.port.out.TaskQuery;
import dev.hexatask.domain.task.Task;
import dev.hexatask.domain.user.UserId;
import dev.hexatask.persistence.testing.PostgresTestDatabase;
import dev.hexatask.persistence.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGResultSetMetaData;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Timestamps read exactly in both of the driver's transfer formats: text (a statement's first executions on a
 * connection) and binary (after pgjdbc's {@code prepareThreshold}; {@code -1} forces it from the first), checked
 * against the instants the values are and against the driver's {@code OffsetDateTime}, which rows were read as
 * before.
 */
@ExtendWith(PostgresTestDatabase.class)
class TimestampColumnsTest {

    private static final int TEXT = 0;
    private static final int BINARY = 1;

    /**
     * Values as PostgreSQL reads them, and the instants they are: microseconds either side of the two epochs, the
     * calendar reform of 1582 (PostgreSQL's calendar is the Gregorian one, back to its first day), years BC (1 BC is
     * ISO year 0), PostgreSQL's least and greatest {@code timestamp with time zone}, and its infinities, which are
     * read as the driver's {@code OffsetDateTime} gives them ({@code MAX} and {@code MIN}).
     */
    private static final List<Map.Entry<String, Instant>> VALUES = List.of(
            Map.entry("2026-12-06 10:45:00.123456+00", Instant.parse("2026-12-06T10:45:00.123456Z")),
            Map.entry("2026-06-01 12:34:56.5+05:30", Instant.parse("2026-06-01T07:04:56.500Z")),
            Map.entry("2026-03-29 01:59:59.999999-03:30", Instant.parse("2026-03-29T05:29:59.999999Z")),
            Map.entry("1970-01-01 00:00:00+00", Instant.EPOCH),
            Map.entry("1970-01-01 00:00:00.000001+00", Instant.parse("1970-01-01T00:00:00.000001Z")),
            Map.entry("1969-12-31 23:59:59.999999+00", Instant.parse("1969-12-31T23:59:59.999999Z")),
            Map.entry("2000-01-01 00:00:00+00", Instant.parse("2000-01-01T00:00:00Z")),
            Map.entry("2000-01-01 00:00:00.000001+00", Instant.parse("2000-01-01T00:00:00.000001Z")),
            Map.entry("1999-12-31 23:59:59.999999+00", Instant.parse("1999-12-31T23:59:59.999999Z")),
            Map.entry("1582-10-15 00:00:00+00", Instant.parse("1582-10-15T00:00:00Z")),
            Map.entry("1582-10-04 23:59:59.999999+00", Instant.parse("1582-10-04T23:59:59.999999Z")),
            Map.entry("1500-03-01 00:00:00+00", Instant.parse("1500-03-01T00:00:00Z")),
            Map.entry("1500-02-28 12:00:00+00", Instant.parse("1500-02-28T12:00:00Z")),
            Map.entry("0001-01-01 00:00:00+00", Instant.parse("0001-01-01T00:00:00Z")),
            Map.entry("0001-12-31 23:59:59.999999+00 BC", Instant.parse("0000-12-31T23:59:59.999999Z")),
            Map.entry("4713-11-24 00:00:00+00 BC", Instant.parse("-4712-11-24T00:00:00Z")),
            Map.entry("10000-01-01 00:00:00+00", Instant.parse("+10000-01-01T00:00:00Z")),
            Map.entry("294276-12-31 23:59:59.999999+00", Instant.parse("+294276-12-31T23:59:59.999999Z")),
            Map.entry("infinity", OffsetDateTime.MAX.toInstant()),
            Map.entry("-infinity", OffsetDateTime.MIN.toInstant()));

    private final TestDatabase database;

    TimestampColumnsTest(TestDatabase database) {
        this.database = database;
    }

    @Test
    void everyInstantPostgresHoldsIsReadExactlyAsTextAndInBinary() throws SQLException {
        // The session's time zone shapes the text (offsets of whole hours, half hours, and of seconds: local mean
        // time before a zone's standard time); the binary value does not depend on it.
        for (String zone : List.of("UTC", "Asia/Kolkata", "America/St_Johns", "Europe/Amsterdam")) {
            for (Map.Entry<Integer, String> format : Map.of(TEXT, "0", BINARY, "-1").entrySet()) {
                try (Connection connection = connect(format.getValue());
                     Statement session = connection.createStatement()) {
                    session.execute("set time zone '" + zone + "'");
                    String where = zone + ", " + (format.getKey() == BINARY ? "binary" : "text");
                    readEveryValue(connection, format.getKey(), where);
                }
            }
        }
    }

    private void readEveryValue(Connection connection, int expectedFormat, String where) throws SQLException {
        List<String> values = new ArrayList<>(VALUES.stream().map(Map.Entry::getKey).toList());
        values.add(null);
        try (PreparedStatement statement = connection.prepareStatement("select value::timestamptz, value "
                + "from unnest(?::text[]) with ordinality as given(value, n) order by n")) {
            statement.setArray(1, connection.createArrayOf("text", values.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.getMetaData().unwrap(PGResultSetMetaData.class).getFormat(1))
                        .as("the format the driver received, %s", where).isEqualTo(expectedFormat);
                TimestampColumns timestamps = TimestampColumns.of(rows);
                for (String given : values) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(2)).isEqualTo(given);
                    Instant read = timestamps.read(rows, 1);
                    OffsetDateTime driver = rows.getObject(1, OffsetDateTime.class);
                    assertThat(read).as("%s, %s: as the driver's OffsetDateTime", given, where)
                            .isEqualTo(driver == null ? null : driver.toInstant());
                    assertThat(read).as("%s, %s", given, where).isEqualTo(given == null ? null
                            : VALUES.stream().filter(value -> value.getKey().equals(given)).findFirst()
                                    .orElseThrow().getValue());
                }
                assertThat(rows.next()).isFalse();
            }
        }
    }

    @Test
    void aListedPageHasTheStoredInstantsBeforeAndAfterTheDriverSwitchesToBinary() {
        // One connection: its first executions of the page statement receive text, the later ones binary.
        DatabaseSettings one = database.settings().withPoolSize(1).withConnectionTimeout(Duration.ofSeconds(5));
        try (PostgresPersistence persistence = database.start(one)) {
            database.execute("insert into tasks (id, owner, title, status, priority_rank, tags, version, created_at,"
                    + " updated_at, completed_at) values"
                    + " ('00000000-0000-7000-8000-000000000001', 'timely', 'Now', 'DONE', 1, '{}', 1,"
                    + "  '2026-12-06 10:45:00.123456+00', '2026-12-06 10:45:00.999999+00', '2026-12-07 00:00:00+00'),"
                    + " ('00000000-0000-7000-8000-000000000002', 'timely', 'Long ago', 'TODO', 1, '{}', 1,"
                    + "  '4713-11-24 00:00:00+00 BC', '1582-10-04 23:59:59.999999+00', null),"
                    + " ('00000000-0000-7000-8000-000000000003', 'timely', 'Far ahead', 'TODO', 1, '{}', 1,"
                    + "  '294276-12-31 23:59:59.999998+00', '294276-12-31 23:59:59.999999+00', null),"
                    + " ('00000000-0000-7000-8000-000000000004', 'timely', 'Unbounded', 'TODO', 1, '{}', 1,"
                    + "  '-infinity', 'infinity', null)");
            for (int execution = 1; execution <= 8; execution++) {
                List<Task> page = persistence.tasks().list(TaskQuery.all(UserId.of("timely"), 10));
                assertThat(page).as("execution %d", execution).extracting(task -> task.title().value(),
                                Task::createdAt, Task::updatedAt, task -> task.completedAt().orElse(null))
                        .containsExactly(
                                tuple("Far ahead", Instant.parse("+294276-12-31T23:59:59.999998Z"),
                                        Instant.parse("+294276-12-31T23:59:59.999999Z"), null),
                                tuple("Now", Instant.parse("2026-12-06T10:45:00.123456Z"),
                                        Instant.parse("2026-12-06T10:45:00.999999Z"),
                                        Instant.parse("2026-12-07T00:00:00Z")),
                                tuple("Long ago", Instant.parse("-4712-11-24T00:00:00Z"),
                                        Instant.parse("1582-10-04T23:59:59.999999Z"), null),
                                tuple("Unbounded", OffsetDateTime.MIN.toInstant(), OffsetDateTime.MAX.toInstant(),
                                        null));
            }
        }
    }

    @Test
    void aBinaryValueOfAnotherLengthIsRefused() {
        assertThatThrownBy(() -> TimestampColumns.fromBinary(new byte[4])).isInstanceOf(SQLException.class)
                .hasMessageContaining("8 bytes, not 4");
    }

    private Connection connect(String prepareThreshold) throws SQLException {
        Properties properties = new Properties();
        var credentials = database.credentials().current();
        properties.setProperty("user", credentials.username());
        properties.setProperty("password", credentials.password());
        properties.setProperty("prepareThreshold", prepareThreshold);
        return DriverManager.getConnection(database.jdbcUrl(), properties);
    }
}
