package dev.modeldock.server.api;

import static dev.modeldock.server.api.Schemas.object;
import static dev.modeldock.server.api.Schemas.string;

import dev.modeldock.registry.ApiToken;
import dev.modeldock.registry.Limits;
import dev.modeldock.registry.Role;
import dev.modeldock.registry.User;
import dev.modeldock.server.auth.Access;
import dev.modeldock.server.auth.Auth;
import dev.modeldock.service.UserService;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.util.List;
import java.util.Map;

/** Users and their API tokens (admin only), who the caller is, and the caller's own tokens. */
final class UserRoutes {
    /** Body of POST /api/v1/users. */
    record NewUser(String name, String role) {
    }

    /** Body of PATCH /api/v1/users/{name}. */
    record RoleChange(String role) {
    }

    /** Body of POST /api/v1/users/{name}/tokens. */
    record NewToken(String label) {
    }

    private final UserService users;

    UserRoutes(UserService users) {
        this.users = users;
    }

    List<Endpoint> endpoints() {
        return List.of(
                Endpoint.get("/api/v1/me", Access.READ, "Who the caller is and their role", ctx -> ctx.json(
                        Map.of("name", Auth.caller(ctx).name(), "role", Auth.caller(ctx).role().id())))
                        .returns(ResponseSchemas.ref("Caller")),
                Endpoint.get("/api/v1/me/tokens", Access.READ, "The caller's own API tokens (label and id, never"
                        + " the token)", ctx -> ctx.json(users.tokens(self(ctx)).stream().map(UserRoutes::view).toList()))
                        .returns(ResponseSchemas.listOf("TokenInfo")),
                Endpoint.withBody("POST", "/api/v1/me/tokens", Access.READ, "Issues the caller an API token of"
                        + " their own; it is shown this once", object(List.of(), "label",
                        string("what the token is for", Limits.TOKEN_LABEL)), 201, ctx -> {
                            String label = ctx.body().isBlank() ? "" : JsonBody.read(ctx, NewToken.class).label();
                            String token = users.issueToken(self(ctx), label, self(ctx));
                            ctx.status(201).json(Map.of("user", self(ctx), "token", token));
                        }).returns(ResponseSchemas.ref("Token")),
                Endpoint.delete("/api/v1/me/tokens/{id}", Access.READ, "Revokes one of the caller's own API tokens",
                        ctx -> {
                            users.revokeToken(self(ctx), ctx.pathParam("id"), self(ctx));
                            ctx.status(204);
                        }),
                Endpoint.get("/api/v1/users", Access.ADMIN, "Users and their roles",
                        ctx -> ctx.json(users.list().stream().map(UserRoutes::view).toList()))
                        .returns(ResponseSchemas.listOf("User")),
                Endpoint.withBody("POST", "/api/v1/users", Access.ADMIN, "Creates a user", object(List.of("name", "role"),
                        "name", string("the user's name", Limits.USER_NAME), "role", string("viewer, editor, deployer or admin")), 201,
                        ctx -> {
                            NewUser body = JsonBody.read(ctx, NewUser.class);
                            User user = users.create(body.name(), Role.parse(body.role()), Auth.caller(ctx).name());
                            ctx.status(201).json(view(user));
                        }).returns(ResponseSchemas.ref("User")),
                Endpoint.withBody("PATCH", "/api/v1/users/{name}", Access.ADMIN, "Changes a user's role; the last"
                        + " admin keeps theirs (409)", object(List.of("role"), "role",
                        string("viewer, editor, deployer or admin")), 200, ctx -> {
                            RoleChange body = JsonBody.read(ctx, RoleChange.class);
                            ctx.json(view(users.setRole(ctx.pathParam("name"), Role.parse(body.role()),
                                    Auth.caller(ctx).name())));
                        }).returns(ResponseSchemas.ref("User")),
                Endpoint.delete("/api/v1/users/{name}", Access.ADMIN, "Deletes a user and their tokens; the last"
                        + " admin cannot be deleted (409)", ctx -> {
                    users.delete(ctx.pathParam("name"), Auth.caller(ctx).name());
                    ctx.status(204);
                }),
                Endpoint.withBody("POST", "/api/v1/users/{name}/tokens", Access.ADMIN, "Issues an API token; it is"
                        + " shown this once", object(List.of(), "label", string("what the token is for", Limits.TOKEN_LABEL)), 201, ctx -> {
                    String label = ctx.body().isBlank() ? "" : JsonBody.read(ctx, NewToken.class).label();
                    String token = users.issueToken(ctx.pathParam("name"), label, Auth.caller(ctx).name());
                    ctx.status(201).json(Map.of("user", ctx.pathParam("name"), "token", token));
                }).returns(ResponseSchemas.ref("Token")));
    }

    /** The signed-in caller's name; anonymous readers have no tokens of their own. */
    private static String self(Context ctx) {
        if (Auth.caller(ctx).isAnonymous()) {
            throw new UnauthorizedResponse("this request needs an API token (Authorization: Bearer"
                    + " TOKEN)");
        }
        return Auth.caller(ctx).name();
    }

    private static Map<String, Object> view(ApiToken token) {
        return Map.of("id", token.id(), "label", token.label(), "createdAt", token.createdAt());
    }

    private static Map<String, Object> view(User user) {
        return Map.of("name", user.name(), "role", user.role().id(), "createdAt", user.createdAt());
    }
}
