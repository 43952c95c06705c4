package dev.modeldock.server.api;

import static dev.modeldock.server.api.Schemas.bool;
import static dev.modeldock.server.api.Schemas.integer;
import static dev.modeldock.server.api.Schemas.object;
import static dev.modeldock.server.api.Schemas.string;

import dev.modeldock.registry.Limits;
import dev.modeldock.server.auth.Access;
import dev.modeldock.server.auth.Auth;
import dev.modeldock.service.DeploymentRequest;
import dev.modeldock.service.DeploymentService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deployments: start one (a job), list them, and check a deployed model for drift. */
final class DeploymentRoutes {
    private final DeploymentService deployments;

    DeploymentRoutes(DeploymentService deployments) {
        this.deployments = deployments;
    }

    List<Endpoint> endpoints() {
        return List.of(
                Endpoint.withBody("POST", "/api/v1/deployments", Access.DEPLOY, "Deploys a version (by number or"
                        + " alias) to a target; 202 with the job", object(List.of("model", "target"),
                                "model", string("the model's name"),
                        "version", integer("the version number (or give alias)"),
                        "alias", string("an alias of the version (or give version)"),
                        "target", string("a target profile's name"),
                        "databaseModelName", string("the name at the target, e.g. [schema.]NAME in Oracle;"
                                + " required by targets whose needsName is true (GET /api/v1/targets/plugins),"
                                + " else the model's name", Limits.DATABASE_MODEL_NAME),
                        "replace", bool("replace a model of that name at the target"),
                        "targetRelease", Schemas.release("the Oracle Database release deployed to, whose file size"
                                + " limit the version must meet (23: 1 GB, 26: 2 GB); default the release the"
                                + " version was filed for (validation.targetRelease), else 23; a version over it is"
                                + " refused with 400")), 202, ctx -> {
                    DeploymentRequest request = JsonBody.read(ctx, DeploymentRequest.class);
                    DeploymentService.Queued queued = deployments.deploy(request, Auth.caller(ctx).name());
                    Map<String, Object> answer = new LinkedHashMap<>(Views.job(queued.job()));
                    answer.put("deployment", Views.deployment(queued.deployment()));
                    ctx.status(202).header("Location", "/api/v1/jobs/" + queued.job().id()).json(answer);
                }).returns(ResponseSchemas.ref("DeploymentJob")),
                Endpoint.get("/api/v1/deployments", Access.READ, "Deployments, newest first; filter model. Without a"
                        + " token, no location, error or drift detail", ctx -> ctx.json(deployments.list(Params.text(
                                ctx, "model")).stream().map(d -> Views.deployment(d, Auth.caller(ctx))).toList()))
                        .withQuery(Map.of("model", string("only this model's deployments")))
                        .returns(ResponseSchemas.listOf("Deployment")),
                Endpoint.get("/api/v1/deployments/{id}", Access.READ, "A deployment; without a token, no location,"
                        + " error or drift detail",
                        ctx -> ctx.json(Views.deployment(deployments.get(Params.id(ctx, "id")), Auth.caller(ctx))))
                        .returns(ResponseSchemas.ref("Deployment")),
                Endpoint.withBody("POST", "/api/v1/deployments/{id}/retire", Access.DEPLOY, "Stops tracking a"
                        + " deployment as live (the target is left as it is), so its model can be deleted", null, 200,
                        ctx -> ctx.json(Views.deployment(deployments.retire(Params.id(ctx, "id"),
                                Auth.caller(ctx).name())))).returns(ResponseSchemas.ref("Deployment")),
                Endpoint.withBody("POST", "/api/v1/deployments/{id}/check", Access.DEPLOY, "Compares what the target"
                        + " holds now with the registry's artifact (drift)", null, 200,
                        ctx -> ctx.json(Views.deployment(deployments.checkDrift(Params.id(ctx, "id"),
                                Auth.caller(ctx).name())))).returns(ResponseSchemas.ref("Deployment")));
    }
}
