package dev.modeldock.server;

import static dev.modeldock.server.Schemas.object;
import static dev.modeldock.server.Schemas.string;
import static dev.modeldock.server.Schemas.stringMap;

import dev.modeldock.host.Extensions;
import dev.modeldock.plugin.ExportTarget;
import dev.modeldock.registry.Targets;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deployment target profiles. Which settings are secret is the export target plugin's word; they
 * are accepted, stored encrypted, and never shown again.
 */
final class TargetRoutes {
    /** Body of POST /api/v1/targets and PUT /api/v1/targets/{name} (where name may be omitted). */
    record TargetBody(String name, String plugin, Map<String, String> settings) {
    }

    private final Targets targets;
    private final Extensions extensions;

    TargetRoutes(Targets targets, Extensions extensions) {
        this.targets = targets;
        this.extensions = extensions;
    }

    List<Endpoint> endpoints() {
        Map<String, Object> schema = object(List.of("plugin", "settings"), "name", string("the profile's name"),
                "plugin", string("an export target: file, oracle, or a third party's"),
                "settings", stringMap("the target's settings; secret ones (e.g. password) are write-only"));
        return List.of(
                Endpoint.get("/api/v1/targets", Access.ADMIN, "Target profiles (secrets never shown)",
                        ctx -> ctx.json(targets.list().stream().map(Views::target).toList())),
                Endpoint.withBody("POST", "/api/v1/targets", Access.ADMIN, "Creates a target profile", schema, 201,
                        ctx -> {
                            TargetBody body = JsonBody.read(ctx, TargetBody.class);
                            ctx.status(201).header("Location", "/api/v1/targets/" + body.name())
                                    .json(save(ctx, body.name(), body, true));
                        }),
                Endpoint.get("/api/v1/targets/{name}", Access.ADMIN, "A target profile (secrets never shown)",
                        ctx -> ctx.json(Views.target(targets.get(ctx.pathParam("name"))))),
                Endpoint.withBody("PUT", "/api/v1/targets/{name}", Access.ADMIN, "Replaces a target profile; secrets"
                        + " not given are kept", schema, 200, ctx -> {
                    TargetBody body = JsonBody.read(ctx, TargetBody.class);
                    if (body.name() != null && !body.name().equals(ctx.pathParam("name"))) {
                        throw new ApiException(400, "the body names target '" + body.name() + "' but the path '"
                                + ctx.pathParam("name") + "'");
                    }
                    ctx.json(save(ctx, ctx.pathParam("name"), body, false));
                }),
                Endpoint.delete("/api/v1/targets/{name}", Access.ADMIN, "Deletes a target profile", ctx -> {
                    targets.delete(ctx.pathParam("name"), Auth.caller(ctx).name());
                    ctx.status(204);
                }));
    }

    private Map<String, Object> save(Context ctx, String name, TargetBody body, boolean create) {
        if (body.plugin() == null || body.plugin().isBlank()) {
            throw new ApiException(400, "field 'plugin' is missing: name an export target such as file or oracle");
        }
        ExportTarget target = extensions.exportTarget(body.plugin());
        Map<String, String> plain = new TreeMap<>();
        Map<String, String> secret = new TreeMap<>();
        (body.settings() == null ? Map.<String, String>of() : body.settings()).forEach((key, value) -> {
            if (value == null) {
                throw new ApiException(400, "setting '" + key + "' is null; omit it instead");
            }
            (target.secretSettings().contains(key) ? secret : plain).put(key, value);
        });
        return Views.target(targets.save(name, body.plugin(), plain, secret, create, Auth.caller(ctx).name()));
    }
}
