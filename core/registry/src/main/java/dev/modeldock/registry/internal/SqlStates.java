package dev.modeldock.registry.internal;

import java.sql.SQLException;
import org.jdbi.v3.core.statement.StatementException;

/** SQLSTATEs that H2 and PostgreSQL share, so one check serves both databases. */
public final class SqlStates {
    public static final String UNIQUE_VIOLATION = "23505";
    public static final String FOREIGN_KEY_VIOLATION = "23503";

    private SqlStates() {
    }

    /** Whether the statement failed with {@code sqlState}, anywhere in its chain of causes. */
    public static boolean is(StatementException e, String sqlState) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sqlState.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
