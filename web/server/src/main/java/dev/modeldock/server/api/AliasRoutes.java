package dev.modeldock.server.api;

import static dev.modeldock.server.api.Schemas.object;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.server.auth.Access;
import dev.modeldock.server.auth.Auth;
import dev.modeldock.service.AliasService;
import java.util.List;
import java.util.Map;

/** Movable names for versions. */
final class AliasRoutes {
    /** Body of PUT /api/v1/models/{name}/aliases/{alias}: the version, by number or by another alias. */
    record AliasTarget(JsonNode version) {
    }

    private final AliasService aliases;

    AliasRoutes(AliasService aliases) {
        this.aliases = aliases;
    }

    List<Endpoint> endpoints() {
        return List.of(
                Endpoint.get("/api/v1/models/{name}/aliases", Access.READ, "Every move of the model's aliases",
                        ctx -> ctx.json(aliases.history(ctx.pathParam("name"))))
                        .returns(ResponseSchemas.listOf("AliasMove")),
                Endpoint.withBody("PUT", "/api/v1/models/{name}/aliases/{alias}", Access.EDIT, "Points an alias at a"
                        + " version", object(List.of("version"), "version", Map.of("oneOf", List.of(
                                Map.of("type", "integer"), Map.of("type", "string")), "description",
                                "a version number or another alias")), 200, ctx -> {
                    AliasTarget body = JsonBody.read(ctx, AliasTarget.class);
                    if (body.version() == null || !(body.version().isIntegralNumber() || body.version().isTextual())) {
                        throw new ApiException(400, "field 'version' must be a version number or an alias");
                    }
                    ctx.json(Views.version(aliases.set(ctx.pathParam("name"), ctx.pathParam("alias"),
                            body.version().asText(), Auth.caller(ctx).name())));
                }).returns(ResponseSchemas.ref("Version")),
                Endpoint.delete("/api/v1/models/{name}/aliases/{alias}", Access.EDIT, "Removes an alias", ctx -> {
                    aliases.remove(ctx.pathParam("name"), ctx.pathParam("alias"), Auth.caller(ctx).name());
                    ctx.status(204);
                }));
    }
}
