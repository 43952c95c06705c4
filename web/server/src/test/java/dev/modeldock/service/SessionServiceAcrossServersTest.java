package dev.modeldock.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.registry.Role;
import dev.modeldock.registry.Sessions;
import dev.modeldock.testkit.db.DatabaseTest;
import dev.modeldock.testkit.db.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Two servers over one database share web UI sessions and throttle sign-ins together: a load
 * balancer may send a browser's requests to either, and spreading an attacker's guesses over them
 * gives no more guesses than one server would.
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

    @DatabaseTest
    void aSessionOpenedOnOneServerIsTheSameSessionWithTheSameCsrfTokenOnTheOtherAndEndsOnBoth(
            TestDatabase database) {
        try (ServerRegistry one = ServerRegistry.on(database); ServerRegistry two = ServerRegistry.on(database)) {
            one.registry.users().create("bob", Role.VIEWER, "admin");
            SessionService first = sessions(one);
            SessionService second = sessions(two);
            first.setPassword("bob", RIGHT, "admin");

            Sessions.Opened opened = first.signIn("bob", RIGHT, "10.0.1.1");

            Sessions.Session onSecond = second.find(opened.id()).orElseThrow();
            assertEquals(List.of("bob", opened.csrfToken()), List.of(onSecond.user().name(), onSecond.csrfToken()),
                    "a form served by one server is accepted by the other");
            second.signOut(opened.id());
            assertTrue(first.find(opened.id()).isEmpty(), "signed out on one, signed out on both");
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
