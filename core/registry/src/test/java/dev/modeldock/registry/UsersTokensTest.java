package dev.modeldock.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Sha256;
import dev.modeldock.testkit.db.DatabaseTest;
import dev.modeldock.testkit.db.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Users and their API tokens: a token is shown once and stored only as its SHA-256. */
class UsersTokensTest {
    @DatabaseTest
    void onlyATokensSha256IsStoredAndItAuthenticatesItsUser(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Users users = open.registry.users();
            users.create("alice", Role.EDITOR, "admin");
            users.create("bob", Role.VIEWER, "admin");

            String token = users.issueToken("alice", "laptop", "admin");
            String second = users.issueToken("alice", "ci", "admin");

            assertTrue(token.startsWith("mdk_") && token.length() == 68, token);
            assertNotEquals(token, second);
            List<String> stored = open.database.jdbi().withHandle(h -> h.createQuery(
                    "SELECT token_sha256 || ' ' || label FROM api_token ORDER BY label").mapTo(String.class).list());
            assertEquals(List.of(sha256(second) + " ci", sha256(token) + " laptop"), stored);
            String everything = open.database.jdbi().withHandle(h -> String.join("\n", h.createQuery(
                    "SELECT COALESCE(detail, '') || subject FROM audit").mapTo(String.class).list()));
            assertFalse(everything.contains(token.substring(4)), "no token in the audit trail");

            Optional<User> caller = users.authenticate(token);
            assertEquals("alice", caller.orElseThrow().name());
            assertEquals(Role.EDITOR, caller.orElseThrow().role());
            assertEquals("alice", users.authenticate(second).orElseThrow().name());
            assertTrue(users.authenticate(sha256(token)).isEmpty(), "the stored hash is not a token");
            assertTrue(users.authenticate(token + "x").isEmpty());
            assertTrue(users.authenticate("").isEmpty());
            assertTrue(users.authenticate(null).isEmpty());
            assertTrue(users.authenticate("t".repeat(10_000)).isEmpty());
        }
    }

    @DatabaseTest
    void aTokenChosenOutsideWorksTheSameAndGoesWithItsUser(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Users users = open.registry.users();
            assertFalse(users.anyAdmin());
            users.create("admin", Role.ADMIN, "bootstrap");
            users.addToken("admin", "from-the-environment", "env", "bootstrap");
            assertTrue(users.anyAdmin());
            assertEquals(Role.ADMIN, users.authenticate("from-the-environment").orElseThrow().role());

            users.create("root", Role.ADMIN, "admin"); // the last admin may not be deleted

            users.delete("admin", "bootstrap");

            assertTrue(users.authenticate("from-the-environment").isEmpty(), "deleting a user revokes its tokens");
            assertEquals(0, open.count("SELECT COUNT(*) FROM api_token"));
            assertTrue(users.anyAdmin());
        }
    }

    @DatabaseTest
    void usersAreListedAndRefusalsChangeNothing(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Users users = open.registry.users();
            users.create("carol", Role.DEPLOYER, "admin");
            users.create("alice@example.com", Role.VIEWER, "admin");

            assertEquals(List.of("alice@example.com", "carol"), users.list().stream().map(User::name).toList());
            assertEquals(Role.DEPLOYER, users.get("carol").role());
            assertThrows(ConflictException.class, () -> users.create("carol", Role.ADMIN, "admin"));
            assertThrows(ModelDockException.class, () -> users.create("carol smith", Role.ADMIN, "admin"));
            assertThrows(NotFoundException.class, () -> users.get("dave"));
            assertThrows(NotFoundException.class, () -> users.delete("dave", "admin"));
            assertThrows(NotFoundException.class, () -> users.issueToken("dave", "x", "admin"));
            assertThrows(RuntimeException.class, () -> users.create("erin", Role.VIEWER,
                    OpenRegistry.actorTheAuditRefuses()));
            assertThrows(RuntimeException.class, () -> users.issueToken("carol", "x",
                    OpenRegistry.actorTheAuditRefuses()));

            assertTrue(users.find("erin").isEmpty(), "a change whose audit entry fails is undone");
            assertEquals(0, open.count("SELECT COUNT(*) FROM api_token"));
            assertEquals(List.of("user.create", "user.create"), open.auditActions());
        }
    }

    @DatabaseTest
    void ofClientsCreatingTheSameUserAtOnceOneSucceedsAndTheOthersAreToldItExists(TestDatabase database)
            throws Exception {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            assertEquals(1, Racing.succeeded(8, () -> open.registry.users().create("carol", Role.EDITOR, "admin")));
            assertEquals(List.of("user.create"), open.auditActions());
        }
    }

    @DatabaseTest
    void theLastAdminCanNeitherBeDeletedNorLoseTheRole(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Users users = open.registry.users();
            users.create("root", Role.ADMIN, "bootstrap");
            users.create("carol", Role.EDITOR, "root");

            ConflictException deleted = assertThrows(ConflictException.class, () -> users.delete("root", "root"));
            assertTrue(deleted.getMessage().contains("last admin"), deleted.getMessage());
            ConflictException demoted = assertThrows(ConflictException.class,
                    () -> users.setRole("root", Role.DEPLOYER, "root"));
            assertTrue(demoted.getMessage().contains("last admin"), demoted.getMessage());
            assertEquals(Role.ADMIN, users.get("root").role(), "a refusal changes nothing");

            users.setRole("carol", Role.ADMIN, "root");
            users.setRole("root", Role.VIEWER, "carol");
            assertEquals(Role.VIEWER, users.get("root").role());
            users.setRole("root", Role.ADMIN, "carol");
            users.delete("carol", "root");
            assertThrows(ConflictException.class, () -> users.delete("root", "root"));
            assertThrows(NotFoundException.class, () -> users.setRole("dave", Role.ADMIN, "root"));
            users.setRole("root", Role.ADMIN, "root"); // an admin staying admin is no loss
            assertEquals(List.of("user.create", "user.create", "user.role", "user.role", "user.role", "user.delete",
                    "user.role"), open.auditActions());
        }
    }

    @DatabaseTest
    void ofAdminsDeletedOrDemotedAtOnceOneAlwaysRemains(TestDatabase database) throws Exception {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Users users = open.registry.users();
            for (int round = 0; round < 5; round++) {
                List<String> admins = List.of("a" + round, "b" + round, "c" + round, "d" + round);
                for (String admin : admins) {
                    users.create(admin, Role.ADMIN, "bootstrap");
                }
                AtomicInteger next = new AtomicInteger();
                int succeeded = Racing.succeeded(admins.size(), () -> {
                    int i = next.getAndIncrement();
                    if (i % 2 == 0) {
                        users.delete(admins.get(i), "bootstrap");
                    } else {
                        users.setRole(admins.get(i), Role.EDITOR, "bootstrap");
                    }
                    return null;
                });
                assertEquals(admins.size() - 1, succeeded, "round " + round);
                assertEquals(1, users.list().stream().filter(u -> u.role() == Role.ADMIN).count(), "round " + round);
                // behind the registry's back, so that the next round starts again with no admin
                open.database.jdbi().useHandle(h -> h.execute("UPDATE app_user SET role = 'viewer'"));
            }
        }
    }

    private static String sha256(String token) {
        return HexFormat.of().formatHex(Sha256.newDigest().digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
