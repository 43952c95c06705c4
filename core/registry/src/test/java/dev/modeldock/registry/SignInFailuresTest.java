package dev.modeldock.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.modeldock.plugin.Sha256;
import dev.modeldock.testkit.db.DatabaseTest;
import dev.modeldock.testkit.db.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Failed sign-ins are counted per key over a window, stored as the key's hash, and pruned as they age. */
class SignInFailuresTest {
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.123456Z");

    @DatabaseTest
    void aKeysFailuresSinceATimeAreCountedWithTheOldest(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            SignInFailures failures = open.registry.signInFailures();
            for (int i = 0; i < 3; i++) {
                failures.record(List.of("user:alice", "address:10.0.0.1"), T0.plusSeconds(60L * i), WINDOW);
            }
            failures.record(List.of("user:bob", "address:10.0.0.1"), T0.plusSeconds(200), WINDOW);

            assertEquals(new SignInFailures.Recent(3, T0), failures.since("user:alice", T0.minusSeconds(1)));
            assertEquals(new SignInFailures.Recent(2, T0.plusSeconds(60)), failures.since("user:alice", T0),
                    "only failures later than the time given");
            assertEquals(new SignInFailures.Recent(4, T0), failures.since("address:10.0.0.1", T0.minusSeconds(1)));
            assertEquals(new SignInFailures.Recent(0, null), failures.since("user:carol", T0.minusSeconds(1)));
        }
    }

    @DatabaseTest
    void clearingOneKeyLeavesTheOthers(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            SignInFailures failures = open.registry.signInFailures();
            failures.record(List.of("user:alice", "address:10.0.0.1"), T0, WINDOW);
            failures.record(List.of("user:bob", "address:10.0.0.1"), T0, WINDOW);

            failures.clear("user:alice");

            assertEquals(0, failures.since("user:alice", T0.minusSeconds(1)).count());
            assertEquals(1, failures.since("user:bob", T0.minusSeconds(1)).count());
            assertEquals(2, failures.since("address:10.0.0.1", T0.minusSeconds(1)).count());
        }
    }

    @DatabaseTest
    void recordingRemovesEveryKeysFailuresOlderThanTheWindow(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            SignInFailures failures = open.registry.signInFailures();
            failures.record(List.of("user:alice", "address:10.0.0.1"), T0, WINDOW);
            failures.record(List.of("user:bob", "address:10.0.0.2"), T0.plusSeconds(1), WINDOW);
            assertEquals(4, open.count("SELECT COUNT(*) FROM sign_in_failure"));

            failures.record(List.of("user:carol", "address:10.0.0.3"), T0.plus(WINDOW), WINDOW);

            assertEquals(4, open.count("SELECT COUNT(*) FROM sign_in_failure"), "alice's failures left the window");
            assertEquals(0, failures.since("user:alice", T0.minusSeconds(1)).count());
            assertEquals(1, failures.since("user:bob", T0.minusSeconds(1)).count(), "bob's has a second to go");
        }
    }

    @DatabaseTest
    void keysAreStoredAsTheirSha256WhateverTheyHold(TestDatabase database) {
        // A megabyte of name, and the NUL that the token sign-in's key holds and PostgreSQL's text refuses.
        String hostile = "user:" + "x".repeat(1 << 20);
        String withNul = "user:\u0000token@10.0.0.1";
        try (OpenRegistry open = OpenRegistry.on(database)) {
            SignInFailures failures = open.registry.signInFailures();
            failures.record(List.of(hostile, withNul), T0, WINDOW);

            List<String> stored = open.database.jdbi().withHandle(h -> h.createQuery(
                    "SELECT key_sha256 FROM sign_in_failure ORDER BY key_sha256").mapTo(String.class).list());
            assertEquals(List.of(hostile, withNul).stream().map(SignInFailuresTest::sha256).sorted().toList(), stored);
            assertEquals(1, failures.since(hostile, T0.minusSeconds(1)).count());
            assertEquals(1, failures.since(withNul, T0.minusSeconds(1)).count());
            assertNull(failures.since("user:x", T0.minusSeconds(1)).oldest());
        }
    }

    private static String sha256(String key) {
        return Sha256.of(key.getBytes(StandardCharsets.UTF_8));
    }
}
