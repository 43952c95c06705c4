package dev.modeldock.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Failed sign-ins are counted per user and per address over a sliding window. */
class SignInThrottleTest {
    private Instant now = Instant.parse("2026-12-01T10:00:00Z");
    private final SignInThrottle throttle = new SignInThrottle(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void aUserIsBlockedAfterFiveFailuresUntilTheFirstLeavesTheWindow() {
        Instant first = now;
        for (int i = 0; i < SignInThrottle.PER_USER; i++) {
            assertNull(throttle.blockedUntil("alice", "10.0.0." + i));
            throttle.failed("alice", "10.0.0." + i); // from a new address each time: the per-user count still stops it
            now = now.plusSeconds(10);
        }
        assertEquals(first.plus(SignInThrottle.WINDOW), throttle.blockedUntil("alice", "10.0.0.99"));
        assertNull(throttle.blockedUntil("bob", "10.0.0.99"), "another user from a fresh address is not blocked");

        now = first.plus(SignInThrottle.WINDOW).plusSeconds(1);
        assertNull(throttle.blockedUntil("alice", "10.0.0.99"), "the oldest failure left the window");
    }

    @Test
    void anAddressIsBlockedAfterTwentyFailuresAcrossUsers() {
        for (int i = 0; i < SignInThrottle.PER_ADDRESS; i++) {
            throttle.failed("user" + i, "192.0.2.1");
        }
        assertNotNull(throttle.blockedUntil("someone-new", "192.0.2.1"));
        assertNull(throttle.blockedUntil("someone-new", "192.0.2.2"));
    }

    @Test
    void aSuccessClearsTheUsersFailuresButNotTheAddresses() {
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
