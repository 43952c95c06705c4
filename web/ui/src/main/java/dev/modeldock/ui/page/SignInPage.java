package dev.modeldock.ui.page;

import dev.modeldock.registry.Sessions;
import dev.modeldock.server.auth.Access;
import dev.modeldock.server.auth.SessionCookie;
import dev.modeldock.service.SessionService;
import dev.modeldock.ui.http.Pages;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Arrays;
import java.util.Map;

/** Signing in with a user name and password, and signing out (which ends the session on the server). */
public final class SignInPage {
    private final Pages pages;
    private final SessionService sessions;

    public SignInPage(Pages pages, SessionService sessions) {
        this.pages = pages;
        this.sessions = sessions;
    }

    public void register() {
        pages.get("/sign-in", Access.PUBLIC, (ctx, viewer) -> form(ctx, "", null, false));
        pages.post("/sign-in", Access.PUBLIC, (ctx, viewer) -> signIn(ctx));
        pages.post("/sign-in/token", Access.PUBLIC, (ctx, viewer) -> signInWithToken(ctx));
        pages.post("/sign-out", Access.READ, (ctx, viewer) -> {
            sessions.signOut(SessionCookie.read(ctx));
            SessionCookie.clear(ctx);
            ctx.redirect("/sign-in", HttpStatus.SEE_OTHER);
        });
    }

    private void signIn(Context ctx) {
        String name = String.valueOf(ctx.formParam("name"));
        char[] password = String.valueOf(ctx.formParam("password")).toCharArray();
        try {
            Sessions.Opened session = sessions.signIn(name, password, ctx.ip());
            SessionCookie.write(ctx, session.id());
            ctx.redirect(safeNext(ctx.queryParam("next")), HttpStatus.SEE_OTHER);
        } catch (SessionService.SignInRefusedException e) {
            ctx.status(e.retryAfter() == null ? 401 : 429);
            form(ctx, name, e.getMessage(), false);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** The token is never echoed back: a refused one leaves the field empty. */
    private void signInWithToken(Context ctx) {
        try {
            Sessions.Opened session = sessions.signInWithToken(ctx.formParam("token"), ctx.ip());
            SessionCookie.write(ctx, session.id());
            ctx.redirect(safeNext(ctx.queryParam("next")), HttpStatus.SEE_OTHER);
        } catch (SessionService.SignInRefusedException e) {
            ctx.status(e.retryAfter() == null ? 401 : 429);
            form(ctx, "", e.getMessage(), true);
        }
    }

    private void form(Context ctx, String name, String error, boolean tokenOpen) {
        String next = safeNext(ctx.queryParam("next"));
        pages.render(ctx, "sign-in.jte", "Sign in", "", Map.of("name", name, "next", next,
                "error", error == null ? "" : error, "tokenOpen", tokenOpen));
    }

    /** Where to go after signing in: a path on this site only, never another site (an open redirect). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return next;
    }
}
