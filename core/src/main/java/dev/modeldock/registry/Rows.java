package dev.modeldock.registry;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jdbi.v3.core.statement.StatementException;

/** Reading values the two databases return in different Java types. */
final class Rows {
    private static final String UNIQUE_VIOLATION = "23505";

    private Rows() {
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        throw new IllegalStateException("not a timestamp: " + value.getClass());
    }

    /** Whether a statement failed on a unique key: SQLSTATE 23505 on both H2 and PostgreSQL. */
    static boolean isUniqueViolation(StatementException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
