package dev.modeldock.server.auth;

import dev.modeldock.registry.Sessions;
import dev.modeldock.registry.User;
import dev.modeldock.service.SessionService;
import dev.modeldock.service.UserService;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import java.util.Optional;

/**
 * Finds out who calls ({@code Authorization: Bearer TOKEN}) and whether their role allows the
 * endpoint. A token that is sent but unknown is refused even where anonymous reads are allowed:
 * a script with a revoked token should fail loudly, not read on as nobody.
 *
 * <p>Without a token, a web UI session cookie identifies the caller of a GET or HEAD request (the
 * pages' live job events and downloads); a request that changes something must carry a token,
 * because a cookie is sent by the browser whoever asked for the request. The UI's own forms go
 * through its CSRF check instead.
 */
public final class Auth {
    private static final String CALLER = "modeldock.caller";

    private final UserService users;
    private final SessionService sessions;
    private final boolean anonymousRead;

    public Auth(UserService users, SessionService sessions, boolean anonymousRead) {
        this.users = users;
        this.sessions = sessions;
        this.anonymousRead = anonymousRead;
    }

    /** Whether callers without a token or session may read. */
    public boolean anonymousRead() {
        return anonymousRead;
    }

    /** The signed-in user of a web UI session cookie, if the request carries a live one. */
    public Optional<Sessions.Session> session(Context ctx) {
        String id = SessionCookie.read(ctx);
        return id == null ? Optional.empty() : sessions.find(id);
    }

    /** Lets the request through or throws 401/403 (Javalin's, which the API answers as JSON errors). */
    public void require(Context ctx, Access access) {
        if (access == Access.PUBLIC) {
            return; // health checks and the API description answer whatever credentials come along
        }
        Caller caller = identify(ctx);
        ctx.attribute(CALLER, caller);
        if (caller == null || (caller == Caller.ANONYMOUS && access != Access.READ)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"modeldock\"");
            throw new UnauthorizedResponse("this request needs an API token (Authorization: Bearer TOKEN)");
        }
        if (!caller.role().includes(access.role())) {
            throw new ForbiddenResponse("role " + caller.role().id() + " may not do this; it needs "
                    + access.role().id() + " or above");
        }
    }

    /** The caller of a request that passed {@link #require}. */
    public static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        return caller == null ? Caller.ANONYMOUS : caller;
    }

    private Caller identify(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            if (ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD) {
                Optional<Sessions.Session> session = session(ctx);
                if (session.isPresent()) {
                    return new Caller(session.get().user().name(), session.get().user().role());
                }
            }
            return anonymousRead ? Caller.ANONYMOUS : null;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"modeldock\"");
            throw new UnauthorizedResponse("the Authorization header must be 'Bearer TOKEN'");
        }
        Optional<User> user = users.authenticate(header.substring(7).strip());
        if (user.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"modeldock\", error=\"invalid_token\"");
            throw new UnauthorizedResponse("the API token is not valid");
        }
        return new Caller(user.get().name(), user.get().role());
    }
}
