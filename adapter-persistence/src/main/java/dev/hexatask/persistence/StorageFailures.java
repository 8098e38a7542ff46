package dev.hexatask.persistence;

import dev.hexatask.application.port.out.StorageUnavailableException;
import org.jooq.exception.DataAccessException;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Turns what jOOQ, HikariCP and the JDBC driver throw into what a port may throw: {@link StorageUnavailableException}
 * when the database cannot be reached, an {@link IllegalStateException} for anything else (a bug, since the domain
 * checks every value first). Messages name the SQLState and constraint, never SQL, values or credentials; the
 * driver's own exception (whose text can quote row values) is kept only when the database is unreachable.
 */
final class StorageFailures {

    /**
     * What HikariCP answers for a statement on a connection it has already closed because the driver reported the
     * connection broken (an 08 state): a plain {@link SQLException} with no state of its own.
     */
    private static final String POOL_CLOSED_CONNECTION = "Connection is closed";

    /** Server shutting down or restarting, too many connections, statement cancelled by the statement timeout. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300", "57014");

    private StorageFailures() {
    }

    static RuntimeException translate(RuntimeException failure) {
        if (!(failure instanceof DataAccessException)) {
            return failure;
        }
        if (isUnavailable(failure)) {
            return new StorageUnavailableException("the database cannot be reached" + stateOf(failure), failure);
        }
        return new IllegalStateException("the database refused an operation" + stateOf(failure)
                + constraintOf(failure));
    }

    static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof ConnectException
                    || cause instanceof SocketTimeoutException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() == null
                    && POOL_CLOSED_CONNECTION.equals(sql.getMessage())) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("28") || UNAVAILABLE_STATES.contains(state)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean hasState(Throwable failure, String state) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static String stateOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return " (SQLState " + sql.getSQLState() + ")";
            }
        }
        return "";
    }

    private static String constraintOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.postgresql.util.PSQLException psql && psql.getServerErrorMessage() != null
                    && psql.getServerErrorMessage().getConstraint() != null) {
                return " on constraint " + psql.getServerErrorMessage().getConstraint();
            }
        }
        return "";
    }
}
