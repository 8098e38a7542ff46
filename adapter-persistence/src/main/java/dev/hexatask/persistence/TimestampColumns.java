package dev.hexatask.persistence;

import org.postgresql.PGResultSetMetaData;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Reads the {@code timestamp with time zone} columns of one result set as instants: exactly (to the microsecond,
 * over the whole range PostgreSQL holds) and, once the driver receives them in binary, with the instant as the only
 * object made.
 *
 * <p>pgjdbc receives a statement's rows as text until it has run the statement {@code prepareThreshold} times on a
 * connection (5 by default); then it prepares the statement on the server and receives timestamps in binary, as
 * PostgreSQL holds them: a count of microseconds since 2000-01-01 00:00 UTC, the largest and smallest 64-bit numbers
 * standing for {@code infinity} and {@code -infinity}. That count is decoded here. The driver's own conversions cost
 * more: its {@code OffsetDateTime} makes six objects per value (about 220 bytes: every list request reads about 50
 * values), and its {@code java.sql.Timestamp} moves instants before the Gregorian reform of 1582 by the days the
 * Julian calendar differs. In the text format, and from a result set that is not pgjdbc's (the offline rehearsal's
 * stand-in), the driver's {@code OffsetDateTime} is read, as it was for every value before.
 */
final class TimestampColumns {

    /** What the driver's {@code OffsetDateTime} is for {@code infinity} ({@code OffsetDateTime.MAX}), as an instant. */
    static final Instant INFINITY = OffsetDateTime.MAX.toInstant();
    /** What the driver's {@code OffsetDateTime} is for {@code -infinity} ({@code OffsetDateTime.MIN}). */
    static final Instant MINUS_INFINITY = OffsetDateTime.MIN.toInstant();

    private static final int BINARY_FORMAT = 1;
    private static final int BINARY_LENGTH = Long.BYTES;
    private static final long POSTGRES_EPOCH_SECOND = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** Whether each column (by its 1-based index) arrives in the binary format. */
    private final boolean[] binary;

    private TimestampColumns(boolean[] binary) {
        this.binary = binary;
    }

    /** The columns of this result set, in the formats its metadata gives. */
    static TimestampColumns of(ResultSet rows) throws SQLException {
        ResultSetMetaData metadata = rows.getMetaData();
        boolean[] binary = new boolean[metadata.getColumnCount() + 1];
        if (metadata.isWrapperFor(PGResultSetMetaData.class)) {
            PGResultSetMetaData formats = metadata.unwrap(PGResultSetMetaData.class);
            for (int column = 1; column < binary.length; column++) {
                binary[column] = formats.getFormat(column) == BINARY_FORMAT;
            }
        }
        return new TimestampColumns(binary);
    }

    /** The value of a {@code timestamp with time zone} column in the current row; {@code null} for SQL NULL. */
    Instant read(ResultSet row, int column) throws SQLException {
        if (!binary[column]) {
            OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }
        // pgjdbc hands out a binary value's bytes as they came, without a copy.
        byte[] value = row.getBytes(column);
        return value == null ? null : fromBinary(value);
    }

    /** A {@code timestamp with time zone} in PostgreSQL's binary format, as an instant. */
    static Instant fromBinary(byte[] value) throws SQLException {
        if (value.length != BINARY_LENGTH) {
            throw new SQLException("a binary timestamp with time zone has 8 bytes, not " + value.length);
        }
        long micros = (long) BIG_ENDIAN_LONG.get(value, 0);
        if (micros == Long.MAX_VALUE) {
            return INFINITY;
        }
        if (micros == Long.MIN_VALUE) {
            return MINUS_INFINITY;
        }
        return Instant.ofEpochSecond(POSTGRES_EPOCH_SECOND + Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * 1_000L);
    }
}
