package dev.modeldock.ui.page;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.Sessions;
import dev.modeldock.server.auth.Access;
import dev.modeldock.server.auth.SessionCookie;
import dev.modeldock.service.SessionService;
import dev.modeldock.service.UserService;
import dev.modeldock.ui.http.Pages;
import dev.modeldock.ui.http.Viewer;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A signed-in user's own page: their API tokens (create, list, revoke) and their password. A new
 * token is shown on the answer to the post that made it, that once: only its hash is kept, so no
 * later page could show it again (the page is never cached). Changing the password ends every
 * session of the user, this one too, so the user is signed in again with a fresh one.
 */
public final class AccountPage {
    private static final Map<String, String> DONE = Map.of(
            "revoked", "The token was revoked; scripts using it are refused from now on.",
            "password", "Your password was changed. Your other sessions were ended; this one is new.");

    private final Pages pages;
    private final UserService users;
    private final SessionService sessions;

    public AccountPage(Pages pages, UserService users, SessionService sessions) {
        this.pages = pages;
        this.users = users;
        this.sessions = sessions;
    }

    public void register() {
        pages.get("/account", Access.READ, (ctx, viewer) -> {
            if (!viewer.signedIn()) {
                ctx.redirect("/sign-in?next=/account", HttpStatus.SEE_OTHER);
                return;
            }
            render(ctx, viewer, DONE.getOrDefault(String.valueOf(ctx.queryParam("done")), ""), "", "", "");
        });
        pages.post("/account/tokens", Access.READ, (ctx, viewer) -> {
            String label = field(ctx, "label");
            try {
                String token = users.issueToken(viewer.name(), label, viewer.name());
                ctx.status(HttpStatus.CREATED);
                render(ctx, viewer, "", "", token, "");
            } catch (ModelDockException e) {
                ctx.status(FormFailure.status(e));
                render(ctx, viewer, "", e.getMessage(), "", label);
            }
        });
        pages.post("/account/tokens/{id}/revoke", Access.READ, (ctx, viewer) -> {
            users.revokeToken(viewer.name(), ctx.pathParam("id"), viewer.name());
            ctx.redirect("/account?done=revoked", HttpStatus.SEE_OTHER);
        });
        pages.post("/account/password", Access.READ, this::changePassword);
    }

    private void changePassword(Context ctx, Viewer viewer) {
        char[] current = typed(ctx, "current");
        char[] chosen = typed(ctx, "password");
        char[] repeated = typed(ctx, "repeat");
        try {
            if (!Arrays.equals(chosen, repeated)) {
                throw new ModelDockException("the new password and its repetition differ; nothing was changed");
            }
            Sessions.Opened session = sessions.changePassword(viewer.name(), current, chosen, ctx.ip());
            SessionCookie.write(ctx, session.id());
            ctx.redirect("/account?done=password", HttpStatus.SEE_OTHER);
        } catch (ModelDockException e) {
            ctx.status(FormFailure.status(e));
            render(ctx, viewer, "", e.getMessage(), "", "");
        } finally {
            Arrays.fill(current, '\0');
            Arrays.fill(chosen, '\0');
            Arrays.fill(repeated, '\0');
        }
    }

    private void render(Context ctx, Viewer viewer, String message, String error, String newToken, String label) {
        Map<String, Object> params = new HashMap<>();
        params.put("user", users.get(viewer.name()));
        params.put("tokens", users.tokens(viewer.name()));
        params.put("message", message);
        params.put("error", error);
        params.put("newToken", newToken);
        params.put("label", label);
        params.put("hasPassword", sessions.hasPassword(viewer.name()));
        pages.render(ctx, "account.jte", "Your account", "account", params);
    }

    private static String field(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value.strip();
    }

    /** A password field as typed (spaces at either end belong to it). */
    private static char[] typed(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? new char[0] : value.toCharArray();
    }
}
