package dev.modeldock.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.testkit.db.DatabaseTest;
import dev.modeldock.testkit.db.TestDatabase;
import java.util.List;
import java.util.Map;

/** The documented limits fit the columns they guard, and a value over one is refused before any write. */
class LimitsTest {
    @DatabaseTest
    void everyLimitFitsItsColumn(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            assertFits(open, "model", "name", Limits.MODEL_NAME);
            assertFits(open, "model", "description", Limits.DESCRIPTION);
            assertFits(open, "model_tag", "tag", Limits.TAG);
            assertFits(open, "alias", "name", Limits.ALIAS);
            assertFits(open, "app_user", "name", Limits.USER_NAME);
            assertFits(open, "api_token", "label", Limits.TOKEN_LABEL);
            assertFits(open, "target", "name", Limits.TARGET_NAME);
            assertFits(open, "deployment", "target_name", Limits.TARGET_NAME);
            assertFits(open, "target", "plugin", Limits.PLUGIN);
            assertFits(open, "target", "settings_json", Limits.SETTINGS);
            // sealed: a 12-byte nonce and a 16-byte tag added, then base64
            assertFits(open, "target", "secrets", (Limits.SECRET_SETTINGS_BYTES + 28 + 2) / 3 * 4);
            assertFits(open, "deployment", "database_model_name", Limits.DATABASE_MODEL_NAME);
            assertFits(open, "model_version", "metadata_json", Limits.METADATA);
            assertFits(open, "model_version", "config_json", Limits.CONFIG);
        }
    }

    @DatabaseTest
    void overLongTargetFieldsAreRefusedByNameAndNothingIsStored(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Targets targets = open.registry.targets();
            assertRefused("target name", () -> targets.save("t".repeat(Limits.TARGET_NAME + 1), "file", Map.of(),
                    Map.of(), true, "admin"));
            assertRefused("'settings'", () -> targets.save("t", "file", Map.of("dir", "d".repeat(Limits.SETTINGS)),
                    Map.of(), true, "admin"));
            targets.save("t", "oracle", Map.of(), Map.of("password", "p".repeat(Limits.SECRET_SETTINGS_BYTES / 2)),
                    true, "admin");
            // each half fits; the secrets kept from the profile and the new ones together do not
            assertRefused("'secret settings'", () -> targets.save("t", "oracle", Map.of(),
                    Map.of("wallet", "w".repeat(Limits.SECRET_SETTINGS_BYTES / 2)), false, "admin"));
            assertEquals(List.of("target.create"), open.auditActions());
            targets.save("t".repeat(Limits.TARGET_NAME), "file", Map.of(), Map.of(), true, "admin");
        }
    }

    private static void assertRefused(String field, Runnable change) {
        ModelDockException e = assertThrows(ModelDockException.class, change::run);
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }

    private static void assertFits(OpenRegistry open, String table, String column, int limit) {
        long size = open.database.jdbi().withHandle(h -> h.createQuery("SELECT character_maximum_length FROM"
                + " information_schema.columns WHERE LOWER(table_name) = :t AND LOWER(column_name) = :c"
                + " AND LOWER(table_schema) = LOWER(CURRENT_SCHEMA)").bind("t", table).bind("c", column)
                .mapTo(Long.class).one());
        assertTrue(limit <= size, table + "." + column + " holds " + size + " characters, the limit is " + limit);
    }
}
