package dev.modeldock.server.auth;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

/**
 * The web UI's session cookie: the session id, HttpOnly (no script reads it), SameSite=Lax (no
 * other site's form or script sends it), Secure when the request came over HTTPS, and without an
 * expiry (the server ends idle sessions).
 */
public final class SessionCookie {
    public static final String NAME = "modeldock_session";

    private SessionCookie() {
    }

    /** The session id the browser sent; null when none. */
    public static String read(Context ctx) {
        return ctx.cookie(NAME);
    }

    public static void write(Context ctx, String sessionId) {
        Cookie cookie = new Cookie(NAME, sessionId, "/", -1, isSecure(ctx), 0, true, null, null, SameSite.LAX);
        ctx.cookie(cookie);
    }

    public static void clear(Context ctx) {
        Cookie cookie = new Cookie(NAME, "", "/", 0, isSecure(ctx), 0, true, null, null, SameSite.LAX);
        ctx.cookie(cookie);
    }

    private static boolean isSecure(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme());
    }
}
