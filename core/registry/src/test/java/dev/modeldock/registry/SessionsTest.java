package dev.modeldock.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.Sha256;
import dev.modeldock.testkit.db.DatabaseTest;
import dev.modeldock.testkit.db.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Web UI sessions and passwords: stored as hashes, ended by sign-out, by idling and by a password change. */
class SessionsTest {
    private static final Duration HOUR = Duration.ofHours(1);

    @DatabaseTest
    void aSessionIsFoundByItsIdWhichIsStoredOnlyAsItsSha256(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            open.registry.users().create("alice", Role.EDITOR, "admin");
            Sessions.Opened opened = open.registry.sessions().open("alice");

            Sessions.Session session = open.registry.sessions().find(opened.id(), HOUR).orElseThrow();
            assertEquals("alice", session.user().name());
            assertEquals(Role.EDITOR, session.user().role());
            assertEquals(opened.csrfToken(), session.csrfToken());
            assertNotEquals(opened.id(), opened.csrfToken());
            List<String> stored = open.database.jdbi().withHandle(h -> h.createQuery("SELECT id_sha256 FROM ui_session")
                    .mapTo(String.class).list());
            assertEquals(List.of(Sha256.of(opened.id().getBytes(StandardCharsets.UTF_8))), stored);
            assertTrue(open.registry.sessions().find(stored.get(0), HOUR).isEmpty(), "the stored hash opens nothing");
            assertTrue(open.registry.sessions().find("not-an-id", HOUR).isEmpty());
            assertTrue(open.registry.sessions().find(null, HOUR).isEmpty());

            open.registry.sessions().close(opened.id());
            assertTrue(open.registry.sessions().find(opened.id(), HOUR).isEmpty(), "signed out");
        }
    }

    @DatabaseTest
    void aSessionIdleForLongerThanTheTimeoutIsEndedAndRemoved(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            open.registry.users().create("alice", Role.VIEWER, "admin");
            Sessions.Opened idle = open.registry.sessions().open("alice");
            Sessions.Opened fresh = open.registry.sessions().open("alice");
            OffsetDateTime twoHoursAgo = Instant.now().minus(Duration.ofHours(2)).atOffset(ZoneOffset.UTC);
            open.database.jdbi().useHandle(h -> h.createUpdate("UPDATE ui_session SET last_seen_at = :t"
                    + " WHERE id_sha256 = :id").bind("t", twoHoursAgo)
                    .bind("id", Sha256.of(idle.id().getBytes(StandardCharsets.UTF_8))).execute());

            assertTrue(open.registry.sessions().find(idle.id(), HOUR).isEmpty());
            assertTrue(open.registry.sessions().find(fresh.id(), HOUR).isPresent());
            assertEquals(1, count(open, "ui_session"), "the idle session's row is gone");
            assertEquals(0, open.registry.sessions().sweep(HOUR));
        }
    }

    @DatabaseTest
    void aNewPasswordEndsTheUsersSessionsAndIsAudited(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Users users = open.registry.users();
            users.create("alice", Role.VIEWER, "admin");
            users.create("bob", Role.VIEWER, "admin");
            assertTrue(users.passwordHash("alice").isEmpty(), "no password until one is set");
            Sessions.Opened alices = open.registry.sessions().open("alice");
            Sessions.Opened bobs = open.registry.sessions().open("bob");

            users.setPasswordHash("alice", "$2a$12$hash", "admin");

            assertEquals("$2a$12$hash", users.passwordHash("alice").orElseThrow());
            assertTrue(open.registry.sessions().find(alices.id(), HOUR).isEmpty(), "alice is signed out everywhere");
            assertTrue(open.registry.sessions().find(bobs.id(), HOUR).isPresent(), "bob is not");
            assertThrows(NotFoundException.class, () -> users.setPasswordHash("carol", "$2a$12$x", "admin"));
            String audit = open.registry.audit(10).toString();
            assertTrue(audit.contains("password.set"), audit);
            assertFalse(audit.contains("$2a$12$hash"), "no hash in the audit trail");
        }
    }

    @DatabaseTest
    void deletingAUserEndsTheirSessions(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            open.registry.users().create("alice", Role.VIEWER, "admin");
            Sessions.Opened opened = open.registry.sessions().open("alice");
            open.registry.users().delete("alice", "admin");
            assertTrue(open.registry.sessions().find(opened.id(), HOUR).isEmpty());
            assertEquals(0, count(open, "ui_session"));
        }
    }

    @DatabaseTest
    void aUserSeesTheirTokensByIdAndLabelAndRevokesOne(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Users users = open.registry.users();
            users.create("alice", Role.EDITOR, "admin");
            users.create("bob", Role.EDITOR, "admin");
            String laptop = users.issueToken("alice", "laptop", "alice");
            String ci = users.issueToken("alice", "ci", "alice");
            String bobs = users.issueToken("bob", "bob's", "bob");

            List<ApiToken> tokens = users.tokens("alice");
            assertEquals(List.of("ci", "laptop").stream().sorted().toList(),
                    tokens.stream().map(ApiToken::label).sorted().toList());
            ApiToken laptopToken = tokens.stream().filter(t -> t.label().equals("laptop")).findFirst().orElseThrow();
            assertEquals(Sha256.of(laptop.getBytes(StandardCharsets.UTF_8)).substring(0, ApiToken.ID_LENGTH),
                    laptopToken.id());
            assertFalse(tokens.toString().contains(laptop.substring(4)), "never the token itself");

            String bobsId = users.tokens("bob").get(0).id();
            assertThrows(NotFoundException.class, () -> users.revokeToken("alice", bobsId, "alice"),
                    "one user cannot revoke another's token through their own name");
            assertThrows(NotFoundException.class, () -> users.revokeToken("alice", "' OR 1=1 --", "alice"));
            users.revokeToken("alice", laptopToken.id(), "alice");

            assertTrue(users.authenticate(laptop).isEmpty(), "the revoked token opens nothing");
            assertTrue(users.authenticate(ci).isPresent());
            assertTrue(users.authenticate(bobs).isPresent());
            assertTrue(open.registry.audit(5).toString().contains("token.revoke"));
        }
    }

    private static long count(OpenRegistry open, String table) {
        return open.database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class)
                .one());
    }
}
