package dev.modeldock.service;

import dev.modeldock.registry.SignInFailures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Counts failed sign-ins per user name and per client address over a sliding window, and refuses
 * further attempts once either count reaches its limit, until the oldest failure leaves the window.
 * Per user stops guessing one password from many addresses; per address stops one client trying
 * many users. The failures are kept in the registry ({@link SignInFailures}), so the limits hold
 * across every server over one database: servers behind a load balancer do not multiply an
 * attacker's attempts.
 */
final class SignInThrottle {
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int PER_USER = 5;
    static final int PER_ADDRESS = 20;

    private final SignInFailures failures;
    private final Clock clock;

    SignInThrottle(SignInFailures failures, Clock clock) {
        this.failures = failures;
        this.clock = clock;
    }

    /** When the next attempt for this user from this address may be made; null when it may be made now. */
    Instant blockedUntil(String user, String address) {
        Instant now = clock.instant();
        Instant byUser = blockedUntil(userKey(user), PER_USER, now);
        Instant byAddress = blockedUntil(addressKey(address), PER_ADDRESS, now);
        if (byUser == null) {
            return byAddress;
        }
        return byAddress == null || byUser.isAfter(byAddress) ? byUser : byAddress;
    }

    /** Counts a failure against the user and the address; failures that left the window are removed on the way. */
    void failed(String user, String address) {
        failures.record(List.of(userKey(user), addressKey(address)), clock.instant(), WINDOW);
    }

    /** A successful sign-in clears the user's failures, not the address's. */
    void succeeded(String user) {
        failures.clear(userKey(user));
    }

    /** A failure counts while it is less than the window old: until {@code failed_at + WINDOW}. */
    private Instant blockedUntil(String key, int limit, Instant now) {
        SignInFailures.Recent recent = failures.since(key, now.minus(WINDOW));
        return recent.count() >= limit ? recent.oldest().plus(WINDOW) : null;
    }

    private static String userKey(String user) {
        return "user:" + user;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
