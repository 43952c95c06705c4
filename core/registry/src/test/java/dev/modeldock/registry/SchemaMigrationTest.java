package dev.modeldock.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ModelDockException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchemaMigrationTest {
    @TempDir
    Path tempDir;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void migratesAnEmptyDatabaseAndAgainWithoutChange(Engine engine) {
        try (Engine.Fresh fresh = engine.fresh(tempDir)) {
            try (RegistryDatabase db = fresh.open()) {
                assertEquals(engine == Engine.POSTGRES, db.isPostgres());
                db.jdbi().useHandle(h -> h.execute("INSERT INTO audit (at, actor, action, subject) VALUES"
                        + " (CURRENT_TIMESTAMP, 'test', 'probe', 'schema')"));
            }
            try (RegistryDatabase db = fresh.open()) {
                List<String> actions = db.jdbi().withHandle(h -> h.createQuery("SELECT action FROM audit")
                        .mapTo(String.class).list());
                assertEquals(List.of("probe"), actions);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void isReachableWhileOpenAndNotOnceClosed(Engine engine) {
        try (Engine.Fresh fresh = engine.fresh(tempDir)) {
            RegistryDatabase db = fresh.open();
            assertTrue(db.isReachable());
            db.close();
            org.junit.jupiter.api.Assertions.assertFalse(db.isReachable());
        }
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
