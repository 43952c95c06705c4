package dev.modeldock.server.api;

import static dev.modeldock.server.api.Schemas.object;
import static dev.modeldock.server.api.Schemas.string;
import static dev.modeldock.server.api.Schemas.stringMap;

import dev.modeldock.registry.Limits;
import dev.modeldock.server.auth.Access;
import dev.modeldock.server.auth.Auth;
import dev.modeldock.service.TargetService;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * Deployment target profiles, and the export targets they can use. Which settings a profile takes,
 * and which are secret, is the export target plugin's word; secret ones are accepted, stored
 * encrypted, and never shown again.
 */
final class TargetRoutes {
    /** Body of POST /api/v1/targets and PUT /api/v1/targets/{name} (where name may be omitted). */
    record TargetBody(String name, String plugin, Map<String, String> settings) {
    }

    private final TargetService targets;

    TargetRoutes(TargetService targets) {
        this.targets = targets;
    }

    List<Endpoint> endpoints() {
        Map<String, Object> schema = object(List.of("plugin", "settings"), "name",
                string("the profile's name", Limits.TARGET_NAME),
                "plugin", string("an export target: file, oracle, or a third party's", Limits.PLUGIN),
                "settings", stringMap("the target's settings, as GET /api/v1/targets/plugins declares them: others,"
                        + " missing required ones and values not of their type are refused; paths lie in the"
                        + " server's folder for target files; secret ones (e.g. password) are write-only. As JSON"
                        + " the plain ones take at most " + Limits.SETTINGS + " characters, the secret ones at most "
                        + Limits.SECRET_SETTINGS_BYTES + " bytes of UTF-8"));
        return List.of(
                Endpoint.get("/api/v1/targets", Access.ADMIN, "Target profiles (secrets never shown)",
                        ctx -> ctx.json(targets.list().stream().map(Views::target).toList()))
                        .returns(ResponseSchemas.listOf("Target")),
                Endpoint.withBody("POST", "/api/v1/targets", Access.ADMIN, "Creates a target profile", schema, 201,
                        ctx -> {
                            TargetBody body = JsonBody.read(ctx, TargetBody.class);
                            Map<String, Object> saved = save(ctx, body.name(), body, true);
                            ctx.status(201).header("Location", "/api/v1/targets/" + saved.get("name")).json(saved);
                        }).returns(ResponseSchemas.ref("Target")),
                // Before /targets/{name}, which would otherwise take "plugins" for a profile's name.
                Endpoint.get("/api/v1/targets/plugins", Access.READ, "The export targets a profile can use, each"
                        + " with the settings it takes (name, type, required, secret, description, default): an"
                        + " array of #/components/schemas/" + TargetPlugins.SCHEMA_NAME,
                        ctx -> ctx.json(targets.plugins().stream().map(TargetPlugins::view).toList()))
                        .returns(ResponseSchemas.listOf(TargetPlugins.SCHEMA_NAME)),
                Endpoint.get("/api/v1/targets/{name}", Access.ADMIN, "A target profile (secrets never shown)",
                        ctx -> ctx.json(Views.target(targets.get(ctx.pathParam("name")))))
                        .returns(ResponseSchemas.ref("Target")),
                Endpoint.withBody("PUT", "/api/v1/targets/{name}", Access.ADMIN, "Replaces a target profile; secrets"
                        + " not given are kept", schema, 200, ctx -> {
                    TargetBody body = JsonBody.read(ctx, TargetBody.class);
                    if (body.name() != null && !body.name().equals(ctx.pathParam("name"))) {
                        throw new ApiException(400, "the body names target '" + body.name() + "' but the path '"
                                + ctx.pathParam("name") + "'");
                    }
                    ctx.json(save(ctx, ctx.pathParam("name"), body, false));
                }).returns(ResponseSchemas.ref("Target")),
                Endpoint.delete("/api/v1/targets/{name}", Access.ADMIN, "Deletes a target profile", ctx -> {
                    targets.delete(ctx.pathParam("name"), Auth.caller(ctx).name());
                    ctx.status(204);
                }));
    }

    private Map<String, Object> save(Context ctx, String name, TargetBody body, boolean create) {
        return Views.target(targets.save(name, body.plugin(), body.settings(), create, Auth.caller(ctx).name()));
    }
}
