package dev.modeldock.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed sign-ins per user name and per client address over a sliding window, and refuses
 * further attempts once either count reaches its limit, until the oldest failure leaves the window.
 * Per user stops guessing one password from many addresses; per address stops one client trying
 * many users. Kept in memory: each server throttles what reaches it.
 */
final class SignInThrottle {
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int PER_USER = 5;
    static final int PER_ADDRESS = 20;
    /** Keys kept at most; beyond it the oldest windows are dropped, so a flood of names cannot fill the heap. */
    private static final int MAX_KEYS = 100_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** When the next attempt for this user from this address may be made; null when it may be made now. */
    Instant blockedUntil(String user, String address) {
        Instant now = clock.instant();
        Instant byUser = blockedUntil("user:" + user, PER_USER, now);
        Instant byAddress = blockedUntil("address:" + address, PER_ADDRESS, now);
        if (byUser == null) {
            return byAddress;
        }
        return byAddress == null || byUser.isAfter(byAddress) ? byUser : byAddress;
    }

    void failed(String user, String address) {
        if (failures.size() > MAX_KEYS) {
            failures.clear();
        }
        Instant now = clock.instant();
        record("user:" + user, now);
        record("address:" + address, now);
    }

    /** A successful sign-in clears the user's failures, not the address's. */
    void succeeded(String user) {
        failures.remove("user:" + user);
    }

    private Instant blockedUntil(String key, int limit, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return null;
        }
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().plus(WINDOW).isAfter(now)) {
                times.pollFirst();
            }
            return times.size() >= limit ? times.peekFirst().plus(WINDOW) : null;
        }
    }

    private void record(String key, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(now);
        }
    }
}
