package dev.modeldock.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.modeldock.testkit.db.DatabaseTest;
import dev.modeldock.testkit.db.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Failed sign-ins are counted per user and per address over a sliding window, in the registry: the
 * servers over one database count together.
 */
class SignInThrottleTest {
    private Instant now = Instant.parse("2026-12-01T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @DatabaseTest
    void aUserIsBlockedAfterFiveFailuresUntilTheFirstLeavesTheWindow(TestDatabase database) {
        try (ServerRegistry server = ServerRegistry.on(database)) {
            SignInThrottle throttle = throttle(server);
            Instant first = now;
            for (int i = 0; i < SignInThrottle.PER_USER; i++) {
                assertNull(throttle.blockedUntil("alice", "10.0.0." + i));
                throttle.failed("alice", "10.0.0." + i); // from a new address each time: the per-user count stops it
                now = now.plusSeconds(10);
            }
            assertEquals(first.plus(SignInThrottle.WINDOW), throttle.blockedUntil("alice", "10.0.0.99"));
            assertNull(throttle.blockedUntil("bob", "10.0.0.99"), "another user from a fresh address is not blocked");

            now = first.plus(SignInThrottle.WINDOW).plusSeconds(1);
            assertNull(throttle.blockedUntil("alice", "10.0.0.99"), "the oldest failure left the window");
        }
    }

    @DatabaseTest
    void anAddressIsBlockedAfterTwentyFailuresAcrossUsers(TestDatabase database) {
        try (ServerRegistry server = ServerRegistry.on(database)) {
            SignInThrottle throttle = throttle(server);
            for (int i = 0; i < SignInThrottle.PER_ADDRESS; i++) {
                throttle.failed("user" + i, "192.0.2.1");
            }
            assertNotNull(throttle.blockedUntil("someone-new", "192.0.2.1"));
            assertNull(throttle.blockedUntil("someone-new", "192.0.2.2"));
        }
    }

    @DatabaseTest
    void aSuccessClearsTheUsersFailuresButNotTheAddresses(TestDatabase database) {
        try (ServerRegistry server = ServerRegistry.on(database)) {
            SignInThrottle throttle = throttle(server);
            for (int i = 0; i < SignInThrottle.PER_USER - 1; i++) {
                throttle.failed("alice", "10.0.0.1");
            }
            throttle.succeeded("alice");
            throttle.failed("alice", "10.0.0.1");
            assertNull(throttle.blockedUntil("alice", "10.0.0.1"));
            now = now.plus(Duration.ofMinutes(1));
            assertNull(throttle.blockedUntil("alice", "10.0.0.2"));
        }
    }

    @DatabaseTest
    void failuresThroughTwoServersAddUpAndBlockOnBoth(TestDatabase database) {
        try (ServerRegistry one = ServerRegistry.on(database); ServerRegistry two = ServerRegistry.on(database)) {
            SignInThrottle first = throttle(one);
            SignInThrottle second = throttle(two);
            Instant start = now;
            for (int i = 0; i < 3; i++) {
                first.failed("alice", "10.0.0.1");
                now = now.plusSeconds(1);
            }
            for (int i = 0; i < 2; i++) {
                assertNull(second.blockedUntil("alice", "10.0.0.2"));
                second.failed("alice", "10.0.0.2");
                now = now.plusSeconds(1);
            }
            assertEquals(start.plus(SignInThrottle.WINDOW), first.blockedUntil("alice", "10.0.0.3"));
            assertEquals(start.plus(SignInThrottle.WINDOW), second.blockedUntil("alice", "10.0.0.3"));

            second.succeeded("alice");
            assertNull(first.blockedUntil("alice", "10.0.0.3"), "a sign-in on one server clears it on the other");
        }
    }

    @DatabaseTest
    void theWindowSlidesAndTheFailuresThatLeftItAreRemoved(TestDatabase database) {
        try (ServerRegistry server = ServerRegistry.on(database)) {
            SignInThrottle throttle = throttle(server);
            Instant first = now;
            for (int i = 0; i < SignInThrottle.PER_USER; i++) {
                throttle.failed("alice", "10.0.0.1");
            }
            assertNotNull(throttle.blockedUntil("alice", "10.0.0.1"));
            assertEquals(2L * SignInThrottle.PER_USER, server.failureRows(), "one row per failure and key");

            now = first.plus(SignInThrottle.WINDOW);
            assertNull(throttle.blockedUntil("alice", "10.0.0.1"), "a failure counts for the window, no longer");
            throttle.failed("alice", "10.0.0.1");
            assertEquals(2, server.failureRows(), "recording removed the failures that left the window");
            assertNull(throttle.blockedUntil("alice", "10.0.0.1"));
        }
    }

    private SignInThrottle throttle(ServerRegistry server) {
        return new SignInThrottle(server.registry.signInFailures(), clock);
    }
}
