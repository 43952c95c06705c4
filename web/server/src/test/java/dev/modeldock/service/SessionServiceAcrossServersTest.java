package dev.modeldock.service;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.modeldock.registry.Role;
import dev.modeldock.testkit.db.DatabaseTest;
import dev.modeldock.testkit.db.TestDatabase;
import java.time.Clock;
import java.time.Duration;

/**
 * Two servers over one database throttle sign-ins together: a load balancer that spreads an
 * attacker's guesses over them gives no more guesses than one server would.
 */
class SessionServiceAcrossServersTest {
    private static final char[] RIGHT = "correct horse battery".toCharArray();
    private static final char[] WRONG = "wrong".toCharArray();

    @DatabaseTest
    void threeFailuresOnOneServerAndTwoOnTheOtherBlockTheSixthOnEither(TestDatabase database) {
        try (ServerRegistry one = ServerRegistry.on(database); ServerRegistry two = ServerRegistry.on(database)) {
            one.registry.users().create("alice", Role.EDITOR, "admin");
            SessionService first = sessions(one);
            SessionService second = sessions(two);
            first.setPassword("alice", RIGHT, "admin");

            for (int i = 0; i < 3; i++) {
                wrongPassword(first, "10.0.0." + i);
            }
            for (int i = 3; i < 5; i++) {
                wrongPassword(second, "10.0.0." + i);
            }

            for (SessionService server : new SessionService[] {first, second}) {
                SessionService.SignInRefusedException refused = assertThrows(
                        SessionService.SignInRefusedException.class, () -> server.signIn("alice", RIGHT, "10.0.0.9"),
                        "the sixth attempt is refused, even with the right password");
                assertNotNull(refused.retryAfter(), refused.getMessage());
            }
        }
    }

    private static void wrongPassword(SessionService server, String address) {
        SessionService.SignInRefusedException refused = assertThrows(SessionService.SignInRefusedException.class,
                () -> server.signIn("alice", WRONG, address));
        assertNull(refused.retryAfter(), "not yet throttled: " + refused.getMessage());
    }

    private static SessionService sessions(ServerRegistry server) {
        return new SessionService(server.registry.users(), server.registry.sessions(),
                server.registry.signInFailures(), Duration.ofHours(1), Clock.systemUTC());
    }
}
