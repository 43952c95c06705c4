package dev.modeldock.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.testkit.db.DatabaseTest;
import dev.modeldock.testkit.db.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Target profiles: plain settings readable, secret ones sealed at rest and kept across changes. */
class TargetsSecretsTest {
    private static final String PASSWORD = "Tiger-Scott-4711";

    @TempDir
    Path tempDir;

    @DatabaseTest
    void secretsAreEncryptedAtRestAndOpenOnlyForTheExport(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Targets targets = open.registry.targets();
            TargetProfile saved = targets.save("prod-db", "oracle", Map.of("dsn", "db:1521/FREEPDB1", "user", "ml"),
                    Map.of("password", PASSWORD), true, "admin");

            assertEquals(Map.of("dsn", "db:1521/FREEPDB1", "user", "ml"), saved.settings());
            assertEquals(Set.of("password"), saved.secretKeys(), "which secrets are set, never their values");
            Map<String, String> raw = open.database.jdbi().withHandle(h -> h.createQuery(
                    "SELECT settings_json, secrets FROM target WHERE name = 'prod-db'")
                    .map((rs, ctx) -> Map.of("settings", rs.getString(1), "secrets", rs.getString(2))).one());
            assertFalse(raw.get("secrets").contains(PASSWORD), raw.get("secrets"));
            assertFalse(raw.get("secrets").contains("password"), "not even the key's name is in the clear");
            assertFalse(raw.get("settings").contains(PASSWORD));
            assertEquals(Map.of("dsn", "db:1521/FREEPDB1", "user", "ml", "password", PASSWORD),
                    targets.settingsForExport("prod-db"));
            AuditEntry audit = open.registry.audit(1).get(0);
            assertEquals("target.create", audit.action());
            assertFalse(String.valueOf(audit.detail()).contains(PASSWORD));

            targets.save("other", "oracle", Map.of(), Map.of("password", PASSWORD), true, "admin");
            String otherSealed = open.database.jdbi().withHandle(h -> h.createQuery(
                    "SELECT secrets FROM target WHERE name = 'other'").mapTo(String.class).one());
            assertNotEquals(raw.get("secrets"), otherSealed, "a fresh nonce each time: equal secrets do not show");
        }
    }

    @DatabaseTest
    void anotherKeyCannotOpenTheSecretsAndSaysWhy(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            open.registry.targets().save("prod-db", "oracle", Map.of("user", "ml"), Map.of("password", PASSWORD),
                    true, "admin");
            byte[] otherKey = new byte[32];
            Arrays.fill(otherKey, (byte) 7);
            Targets withOtherKey = new Registry(open.database, new SecretBox(otherKey), ServerNode.newId()).targets();

            ModelDockException e = assertThrows(ModelDockException.class,
                    () -> withOtherKey.settingsForExport("prod-db"));
            assertTrue(e.getMessage().contains("encrypted with another key"), e.getMessage());
            assertTrue(e.getMessage().contains(SecretBox.KEY_ENV), e.getMessage());
            assertFalse(e.getMessage().contains(PASSWORD));
            assertThrows(ModelDockException.class, () -> withOtherKey.get("prod-db"));
        }
    }

    @DatabaseTest
    void aReplacementKeepsTheSecretsItDoesNotGive(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Targets targets = open.registry.targets();
            targets.save("prod-db", "oracle", Map.of("dsn", "old:1521/X", "user", "ml"),
                    Map.of("password", PASSWORD, "wallet_password", "w1"), true, "admin");

            TargetProfile replaced = targets.save("prod-db", "oracle", Map.of("dsn", "new:1521/X"), Map.of(), false,
                    "admin");
            assertEquals(Map.of("dsn", "new:1521/X"), replaced.settings(), "plain settings are replaced");
            assertEquals(Set.of("password", "wallet_password"), replaced.secretKeys());
            assertEquals(Map.of("dsn", "new:1521/X", "password", PASSWORD, "wallet_password", "w1"),
                    targets.settingsForExport("prod-db"));

            targets.save("prod-db", "oracle", Map.of("dsn", "new:1521/X"), Map.of("password", "rotated"), false,
                    "admin");
            assertEquals(Map.of("dsn", "new:1521/X", "password", "rotated", "wallet_password", "w1"),
                    targets.settingsForExport("prod-db"), "a given secret replaces only itself");
            assertEquals(List.of("target.create", "target.update", "target.update"), open.auditActions());
        }
    }

    @DatabaseTest
    void profilesAreCreatedOnceReplacedIfPresentAndDeleted(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Targets targets = open.registry.targets();
            TargetProfile plain = targets.save("files", "file", Map.of("output_dir", "/srv/models"), Map.of(), true,
                    "admin");
            assertEquals(Set.of(), plain.secretKeys());
            assertNull(open.database.jdbi().withHandle(h -> h.createQuery("SELECT secrets FROM target")
                    .mapTo(String.class).one()), "no secrets, nothing sealed");

            assertThrows(ConflictException.class, () -> targets.save("files", "file", Map.of(), Map.of(), true,
                    "admin"));
            assertThrows(NotFoundException.class, () -> targets.save("nope", "file", Map.of(), Map.of(), false,
                    "admin"));
            assertThrows(ModelDockException.class, () -> targets.save("a/b", "file", Map.of(), Map.of(), true,
                    "admin"));
            assertThrows(RuntimeException.class, () -> targets.save("more", "file", Map.of(), Map.of(), true,
                    OpenRegistry.actorTheAuditRefuses()));
            assertEquals(List.of("files"), targets.list().stream().map(TargetProfile::name).toList(),
                    "a change whose audit entry fails is undone");

            targets.delete("files", "admin");
            assertThrows(NotFoundException.class, () -> targets.get("files"));
            assertThrows(NotFoundException.class, () -> targets.delete("files", "admin"));
            assertEquals(List.of("target.create", "target.delete"), open.auditActions());
        }
    }

    @DatabaseTest
    void ofClientsCreatingTheSameProfileAtOnceOneSucceedsAndTheOthersAreToldItExists(TestDatabase database)
            throws Exception {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            assertEquals(1, Racing.succeeded(8, () -> open.registry.targets().save("prod-db", "oracle", Map.of(),
                    Map.of("password", PASSWORD), true, "admin")));
            assertEquals(List.of("target.create"), open.auditActions());
        }
    }

    @Test
    void theKeyIsMadeOnceInTheDataFolderReadableByItsOwnerOnly() throws Exception {
        SecretBox first = SecretBox.forDataDir(tempDir, null);
        String sealed = first.encrypt(PASSWORD);
        Path keyFile = tempDir.resolve("secret.key");
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(keyFile));

        assertEquals(PASSWORD, SecretBox.forDataDir(tempDir, null).decrypt(sealed), "the same key next time");
        byte[] fromEnvironment = new byte[32];
        Arrays.fill(fromEnvironment, (byte) 1);
        SecretBox environment = SecretBox.forDataDir(tempDir, Base64.getEncoder().encodeToString(fromEnvironment));
        assertThrows(ModelDockException.class, () -> environment.decrypt(sealed), "the environment's key wins");
        assertThrows(ModelDockException.class, () -> SecretBox.forDataDir(tempDir, "not base64!"));
    }
}
