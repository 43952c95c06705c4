package dev.modeldock.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.testkit.db.DatabaseTest;
import dev.modeldock.testkit.db.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaMigrationTest {
    @DatabaseTest
    void migratesAnEmptyDatabaseAndAgainWithoutChange(TestDatabase database) {
        try (RegistryDatabase db = OpenRegistry.database(database)) {
            assertEquals(database.isPostgres(), db.isPostgres());
            db.jdbi().useHandle(h -> h.execute("INSERT INTO audit (at, actor, action, subject) VALUES"
                    + " (CURRENT_TIMESTAMP, 'test', 'probe', 'schema')"));
        }
        try (RegistryDatabase db = OpenRegistry.database(database)) {
            List<String> actions = db.jdbi().withHandle(h -> h.createQuery("SELECT action FROM audit")
                    .mapTo(String.class).list());
            assertEquals(List.of("probe"), actions);
        }
    }

    @DatabaseTest
    void isReachableWhileOpenAndNotOnceClosed(TestDatabase database) {
        RegistryDatabase db = OpenRegistry.database(database);
        assertTrue(db.isReachable());
        db.close();
        org.junit.jupiter.api.Assertions.assertFalse(db.isReachable());
    }

    @Test
    void refusesADatabaseItDoesNotRunOn() {
        ModelDockException e = org.junit.jupiter.api.Assertions.assertThrows(ModelDockException.class,
                () -> RegistryDatabase.open("jdbc:mysql://localhost/x", null, null));
        assertTrue(e.getMessage().contains("H2") && e.getMessage().contains("PostgreSQL"), e.getMessage());
    }

    @Test
    void anUnreachableServerIsReportedWithoutItsPassword() {
        ModelDockException e = org.junit.jupiter.api.Assertions.assertThrows(ModelDockException.class,
                () -> RegistryDatabase.open("jdbc:postgresql://127.0.0.1:1/none?password=hunter2&connectTimeout=2",
                        null, null));
        assertTrue(e.getMessage().contains("password=***") && !e.getMessage().contains("hunter2"), e.getMessage());
    }
}
