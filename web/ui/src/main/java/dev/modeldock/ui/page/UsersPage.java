package dev.modeldock.ui.page;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.ApiToken;
import dev.modeldock.registry.Role;
import dev.modeldock.registry.User;
import dev.modeldock.server.auth.Access;
import dev.modeldock.service.SessionService;
import dev.modeldock.service.UserService;
import dev.modeldock.ui.http.Pages;
import dev.modeldock.ui.http.Viewer;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Users (admin): everyone with their role; create a user, change a role, reset a password, delete
 * (the last admin is refused), and a user's API tokens, each revocable. Each change is a post that
 * lands back on {@code /users} with what was done; a refusal shows the page again with the reason.
 */
public final class UsersPage {
    /** What a change that succeeded says, by the {@code done} code its redirect carries. */
    private static final Map<String, String> DONE = Map.of(
            "created", "User %s created. Set a password for them below so that they can sign in.",
            "role", "%s has a new role.",
            "password", "%s has a new password; their sessions were ended.",
            "deleted", "User %s deleted, with their tokens.",
            "revoked", "A token of %s was revoked.");

    private final Pages pages;
    private final UserService users;
    private final SessionService sessions;

    public UsersPage(Pages pages, UserService users, SessionService sessions) {
        this.pages = pages;
        this.users = users;
        this.sessions = sessions;
    }

    /** The new-user form as filled in. */
    public record NewUser(String name, String role) {
    }

    /** The tokens of the user whose tokens are open. */
    public record Tokens(String user, List<ApiToken> tokens) {
    }

    public void register() {
        pages.get("/users", Access.ADMIN, (ctx, viewer) -> render(ctx, new NewUser("", Role.VIEWER.id()), ""));
        pages.post("/users", Access.ADMIN, (ctx, viewer) -> {
            NewUser form = new NewUser(field(ctx, "name"), field(ctx, "role"));
            change(ctx, form, () -> users.create(form.name(), Role.parse(form.role()), viewer.name()),
                    "created", form.name());
        });
        pages.post("/users/{name}/role", Access.ADMIN, (ctx, viewer) -> change(ctx, null,
                () -> users.setRole(ctx.pathParam("name"), Role.parse(field(ctx, "role")), viewer.name()), "role",
                ctx.pathParam("name")));
        pages.post("/users/{name}/delete", Access.ADMIN, (ctx, viewer) -> change(ctx, null,
                () -> users.delete(ctx.pathParam("name"), viewer.name()), "deleted", ctx.pathParam("name")));
        pages.post("/users/{name}/password", Access.ADMIN, (ctx, viewer) -> resetPassword(ctx, viewer));
        pages.post("/users/{name}/tokens/{id}/revoke", Access.ADMIN, (ctx, viewer) -> change(ctx, null,
                () -> users.revokeToken(ctx.pathParam("name"), ctx.pathParam("id"), viewer.name()), "revoked",
                ctx.pathParam("name")));
    }

    private void resetPassword(Context ctx, Viewer viewer) {
        String typed = ctx.formParam("password"); // as typed: spaces at either end are part of a password
        char[] password = typed == null ? new char[0] : typed.toCharArray();
        try {
            change(ctx, null, () -> sessions.setPassword(ctx.pathParam("name"), password, viewer.name()), "password",
                    ctx.pathParam("name"));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Runs a change; on success back to the list (its tokens open after a revocation), else the page with why. */
    private void change(Context ctx, NewUser form, Runnable action, String done, String name) {
        try {
            action.run();
        } catch (ModelDockException e) {
            ctx.status(FormFailure.status(e));
            render(ctx, form == null ? new NewUser("", Role.VIEWER.id()) : form, e.getMessage());
            return;
        }
        String user = URLEncoder.encode(name, StandardCharsets.UTF_8);
        ctx.redirect("/users?done=" + done + "&user=" + user + (done.equals("revoked") ? "&tokens=" + user
                + "#tokens" : ""), HttpStatus.SEE_OTHER);
    }

    /** The page, with {@code error} from a refused change, or else the message for the change the redirect names. */
    private void render(Context ctx, NewUser form, String error) {
        List<User> all = users.list();
        String open = ctx.queryParam("tokens");
        Map<String, Object> params = new HashMap<>();
        params.put("users", all);
        params.put("roles", Arrays.stream(Role.values()).map(Role::id).toList());
        params.put("form", form);
        params.put("message", error.isEmpty() ? done(ctx, all) : "");
        params.put("error", error);
        params.put("tokens", open != null && all.stream().anyMatch(u -> u.name().equals(open))
                ? new Tokens(open, users.tokens(open)) : new Tokens("", List.of()));
        pages.render(ctx, "users.jte", "Users", "users", params);
    }

    /**
     * The sentence for the {@code done} code of a redirect after a change; empty for none, an unknown
     * one, or one the registry contradicts (a link naming a user who does not exist, or a "deleted" one
     * who does), so a crafted link cannot show an admin a change that did not happen.
     */
    private static String done(Context ctx, List<User> all) {
        String code = String.valueOf(ctx.queryParam("done"));
        String template = DONE.get(code);
        String user = ctx.queryParam("user");
        if (template == null || user == null) {
            return "";
        }
        boolean exists = all.stream().anyMatch(u -> u.name().equals(user));
        return exists == !code.equals("deleted") ? String.format(template, user) : "";
    }

    private static String field(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value.strip();
    }
}
