package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.Role;
import dev.modeldock.registry.Sessions;
import dev.modeldock.server.auth.SessionCookie;
import dev.modeldock.service.SessionService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Passwords and web UI sessions as the server keeps them: sign-in with the right password only,
 * throttled after repeated failures; a session cookie identifies its user for reads of the API, never
 * for changes (a browser sends the cookie whoever asked for the request).
 */
class SessionsApiTest {
    private static final String PASSWORD = "a long enough password";

    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass();

    private SessionService sessions() {
        return server.server.services().sessions();
    }

    @Test
    void aSessionCookieReadsTheApiAsItsUserButCannotChangeAnything() {
        server.server.services().users().create("carol", Role.EDITOR, "test");
        sessions().setPassword("carol", PASSWORD.toCharArray(), "test");
        Sessions.Opened session = sessions().signIn("carol", PASSWORD.toCharArray(), "127.0.0.1");
        Map<String, String> cookie = Map.of("Cookie", SessionCookie.NAME + "=" + session.id());

        assertEquals("carol", server.anonymous().get("/api/v1/me", cookie).expect(200).json().path("name").asText());
        var post = server.anonymous().send(server.anonymous().request("/api/v1/models")
                .header("Cookie", SessionCookie.NAME + "=" + session.id()).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"by-cookie\"}")));
        assertEquals(401, post.status(), "a cookie alone does not change anything: " + post.text());
        server.admin().get("/api/v1/models/by-cookie").expect(404);

        sessions().signOut(session.id());
        assertEquals("anonymous", server.anonymous().get("/api/v1/me", cookie).expect(200).json().path("name")
                .asText(), "an ended session is nobody");
    }

    @Test
    void onlyTheRightPasswordSignsInAndRepeatedFailuresAreThrottled() {
        server.server.services().users().create("dave", Role.VIEWER, "test");
        assertThrows(SessionService.SignInRefusedException.class,
                () -> sessions().signIn("dave", PASSWORD.toCharArray(), "10.1.1.1"), "no password set yet");
        sessions().setPassword("dave", PASSWORD.toCharArray(), "test");
        assertNotNull(sessions().signIn("dave", PASSWORD.toCharArray(), "10.1.1.1"));

        for (int i = 0; i < 5; i++) {
            SessionService.SignInRefusedException wrong = assertThrows(SessionService.SignInRefusedException.class,
                    () -> sessions().signIn("dave", "wrong password!".toCharArray(), "10.1.1.2"));
            assertEquals("the user name or password is wrong", wrong.getMessage());
        }
        SessionService.SignInRefusedException throttled = assertThrows(SessionService.SignInRefusedException.class,
                () -> sessions().signIn("dave", PASSWORD.toCharArray(), "10.1.1.3"));
        assertNotNull(throttled.retryAfter(), "even the right password waits: " + throttled.getMessage());
        assertTrue(throttled.getMessage().startsWith("too many failed sign-ins"));

        SessionService.SignInRefusedException unknown = assertThrows(SessionService.SignInRefusedException.class,
                () -> sessions().signIn("nobody", PASSWORD.toCharArray(), "10.1.1.4"));
        assertEquals("the user name or password is wrong", unknown.getMessage(), "an unknown name reads the same");
    }

    @Test
    void changingOnesPasswordNeedsTheCurrentOneAndWrongGuessesAreThrottledLikeSignIns() {
        server.server.services().users().create("frank", Role.EDITOR, "test");
        sessions().setPassword("frank", PASSWORD.toCharArray(), "test");
        Sessions.Opened before = sessions().signIn("frank", PASSWORD.toCharArray(), "10.2.2.1");

        for (int i = 0; i < 5; i++) {
            SessionService.SignInRefusedException wrong = assertThrows(SessionService.SignInRefusedException.class,
                    () -> sessions().changePassword("frank", "a wrong guess!".toCharArray(),
                            "the next password".toCharArray(), "10.2.2.1"));
            assertEquals("the current password is wrong; nothing was changed", wrong.getMessage());
        }
        SessionService.SignInRefusedException throttled = assertThrows(SessionService.SignInRefusedException.class,
                () -> sessions().changePassword("frank", PASSWORD.toCharArray(), "the next password".toCharArray(),
                        "10.2.2.1"));
        assertNotNull(throttled.retryAfter());
        assertTrue(sessions().find(before.id()).isPresent(), "nothing changed: the old session lives");
    }

    @Test
    void anApiTokenOpensASessionForItsOwnerAndWrongTokensAreThrottledPerAddress() {
        server.server.services().users().create("gina", Role.EDITOR, "test");
        String token = server.server.services().users().issueToken("gina", "laptop", "test");
        Sessions.Opened session = sessions().signInWithToken(token, "10.3.3.1");
        assertEquals("gina", sessions().find(session.id()).orElseThrow().user().name());

        for (int i = 0; i < 5; i++) {
            assertEquals("the API token is not valid", assertThrows(SessionService.SignInRefusedException.class,
                    () -> sessions().signInWithToken("mdk_guess", "10.3.3.2")).getMessage());
        }
        assertNotNull(assertThrows(SessionService.SignInRefusedException.class,
                () -> sessions().signInWithToken(token, "10.3.3.2")).retryAfter(), "that address waits");
        assertNotNull(sessions().signInWithToken(token, "10.3.3.3"), "another address does not");
    }

    @Test
    void aPasswordTooShortOrTooLongForBcryptIsRefusedByName() {
        server.server.services().users().create("erin", Role.VIEWER, "test");
        for (String bad : List.of("short", "é".repeat(40))) {
            ModelDockException refused = assertThrows(ModelDockException.class,
                    () -> sessions().setPassword("erin", bad.toCharArray(), "test"));
            assertTrue(refused.getMessage().startsWith("the password is too"), refused.getMessage());
        }
    }
}
