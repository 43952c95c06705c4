package dev.modeldock.registry.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 8: declares {@code content_chunk}'s foreign key on {@code content} again, after the
 * table's primary key. V1 declared it inline, so H2 made the key's index after the foreign key's,
 * and H2's planner, rating the two alike until an ANALYZE has run, deleted a chunk by
 * {@code (content_id, seq)} through the first: it read every chunk of the content to find one.
 * Removing a 256 MiB upload took 13 s instead of 0.3 s, quadratic in its size. PostgreSQL makes no
 * index for a foreign key and only checks the constraint again. In Java because the constraint's
 * generated name differs between the two databases, and no SQL statement of both looks it up.
 */
public final class ChunkKeyMigration implements JavaMigration {
    private static final String CONSTRAINT = "content_chunk_content";

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("8");
    }

    @Override
    public String getDescription() {
        return "content chunk foreign key after its primary key";
    }

    @Override
    public Integer getChecksum() {
        return 8; // the statements below never change; Flyway compares this with what it recorded
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            for (String name : foreignKeys(statement)) {
                statement.execute("ALTER TABLE content_chunk DROP CONSTRAINT \"" + name.replace("\"", "\"\"") + "\"");
            }
            statement.execute("ALTER TABLE content_chunk ADD CONSTRAINT " + CONSTRAINT
                    + " FOREIGN KEY (content_id) REFERENCES content (id) ON DELETE CASCADE");
        }
    }

    private static List<String> foreignKeys(Statement statement) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("SELECT constraint_name FROM information_schema.table_constraints"
                + " WHERE table_schema = CURRENT_SCHEMA AND LOWER(table_name) = 'content_chunk'"
                + " AND constraint_type = 'FOREIGN KEY'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
