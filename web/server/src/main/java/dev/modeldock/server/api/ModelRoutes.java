package dev.modeldock.server.api;

import static dev.modeldock.server.api.Schemas.object;
import static dev.modeldock.server.api.Schemas.string;
import static dev.modeldock.server.api.Schemas.strings;

import dev.modeldock.registry.Limits;
import dev.modeldock.registry.Model;
import dev.modeldock.registry.ModelQuery;
import dev.modeldock.registry.ModelSort;
import dev.modeldock.registry.Page;
import dev.modeldock.server.auth.Access;
import dev.modeldock.server.auth.Auth;
import dev.modeldock.service.ModelService;
import java.util.Arrays;
import java.util.List;

/** The catalog's models. */
final class ModelRoutes {
    /** Body of POST /api/v1/models. */
    record NewModel(String name, String description, List<String> tags) {
    }

    /** Body of PATCH /api/v1/models/{name}: what is given changes, the rest stays. */
    record ModelChange(String description, List<String> tags) {
    }

    private final ModelService models;

    ModelRoutes(ModelService models) {
        this.models = models;
    }

    List<Endpoint> endpoints() {
        return List.of(
                Endpoint.get("/api/v1/models", Access.READ, "Lists models; filters q (text), tag, alias; order by sort;"
                        + " paging with offset and limit", ctx -> {
                    ModelQuery query = new ModelQuery(Params.text(ctx, "q"), Params.text(ctx, "tag"),
                            Params.text(ctx, "alias"), Params.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE),
                            Params.integer(ctx, "limit", 50, 1, Page.MAX_LIMIT),
                            ModelSort.parse(Params.text(ctx, "sort")));
                    ctx.json(Views.page(models.list(query), Views::model));
                }).withQuery(Schemas.parameters("q", string("text anywhere in the name or description"),
                        "tag", string("only models with this tag"), "alias", string("only models with this alias"),
                        "sort", Schemas.choice("name (default), updated (most recently changed first) or versions"
                                + " (most versions first); ties by name", Arrays.stream(ModelSort.values())
                                .map(ModelSort::id).toList()),
                        "offset", Schemas.integer("models to skip (default 0)"),
                        "limit", Schemas.integer("models per page, 1 to " + Page.MAX_LIMIT + " (default 50)")))
                        .returns(ResponseSchemas.pageOf("Model")),
                Endpoint.withBody("POST", "/api/v1/models", Access.EDIT, "Creates a model",
                        object(List.of("name"), "name", string("letters, digits, '.', '_', '-'", Limits.MODEL_NAME),
                                "description", string("free text", Limits.DESCRIPTION), "tags",
                                strings("labels to filter by, each at most " + Limits.TAG + " characters")), 201,
                        ctx -> {
                            NewModel body = JsonBody.read(ctx, NewModel.class);
                            Model model = models.create(body.name(), body.description(), body.tags(),
                                    Auth.caller(ctx).name());
                            ctx.status(201).header("Location", "/api/v1/models/" + model.name())
                                    .json(Views.model(model));
                        }).returns(ResponseSchemas.ref("Model")),
                Endpoint.get("/api/v1/models/{name}", Access.READ, "A model with its aliases and latest version",
                        ctx -> ctx.json(Views.model(models.get(ctx.pathParam("name")))))
                        .returns(ResponseSchemas.ref("Model")),
                Endpoint.withBody("PATCH", "/api/v1/models/{name}", Access.EDIT, "Changes a model's description or tags",
                        object(List.of(), "description", string("free text", Limits.DESCRIPTION), "tags",
                                strings("replaces all tags, each at most " + Limits.TAG + " characters")),
                        200, ctx -> {
                            ModelChange body = JsonBody.read(ctx, ModelChange.class);
                            ctx.json(Views.model(models.update(ctx.pathParam("name"), body.description(), body.tags(),
                                    Auth.caller(ctx).name())));
                        }).returns(ResponseSchemas.ref("Model")),
                Endpoint.delete("/api/v1/models/{name}", Access.EDIT, "Deletes a model and its versions; refused"
                        + " while deployed", ctx -> {
                    models.delete(ctx.pathParam("name"), Auth.caller(ctx).name());
                    ctx.status(204);
                }));
    }
}
