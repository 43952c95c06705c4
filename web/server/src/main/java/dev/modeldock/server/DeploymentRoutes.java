package dev.modeldock.server;

import static dev.modeldock.server.Schemas.bool;
import static dev.modeldock.server.Schemas.integer;
import static dev.modeldock.server.Schemas.object;
import static dev.modeldock.server.Schemas.string;

import dev.modeldock.registry.Deployment;
import dev.modeldock.registry.Deployments;
import dev.modeldock.registry.Job;
import dev.modeldock.service.DeploymentJob;
import dev.modeldock.service.DeploymentRequest;
import dev.modeldock.service.JobRunner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deployments: start one (a job), list them, and check a deployed model for drift. */
final class DeploymentRoutes {
    private final Deployments deployments;
    private final DeploymentJob deployment;
    private final JobRunner runner;

    DeploymentRoutes(Deployments deployments, DeploymentJob deployment, JobRunner runner) {
        this.deployments = deployments;
        this.deployment = deployment;
        this.runner = runner;
    }

    List<Endpoint> endpoints() {
        return List.of(
                Endpoint.withBody("POST", "/api/v1/deployments", Access.DEPLOY, "Deploys a version (by number or"
                        + " alias) to a target; 202 with the job", object(List.of("model", "target",
                                "databaseModelName"), "model", string("the model's name"),
                        "version", integer("the version number (or give alias)"),
                        "alias", string("an alias of the version (or give version)"),
                        "target", string("a target profile's name"),
                        "databaseModelName", string("the name at the target, e.g. [schema.]NAME in Oracle"),
                        "replace", bool("replace a model of that name at the target")), 202, ctx -> {
                    DeploymentRequest request = JsonBody.read(ctx, DeploymentRequest.class);
                    String actor = Auth.caller(ctx).name();
                    Deployment queued = deployment.prepare(request, actor);
                    boolean replace = Boolean.TRUE.equals(request.replace());
                    Job job;
                    try {
                        job = runner.submit("deployment", Map.of("deployment", queued.id(), "request", request),
                                actor, context -> deployment.run(queued.id(), replace, context));
                    } catch (JobRunner.QueueFullException e) {
                        // Left 'queued', a deployment no job will run would block deleting its model until restart.
                        deployments.failed(queued.id(), e.getMessage());
                        throw e;
                    }
                    deployments.attachJob(queued.id(), job.id());
                    Map<String, Object> answer = new LinkedHashMap<>(Views.job(job));
                    answer.put("deployment", Views.deployment(deployments.get(queued.id())));
                    ctx.status(202).header("Location", "/api/v1/jobs/" + job.id()).json(answer);
                }),
                Endpoint.get("/api/v1/deployments", Access.READ, "Deployments, newest first; filter model",
                        ctx -> ctx.json(deployments.list(Params.text(ctx, "model")).stream().map(Views::deployment)
                                .toList())).withQuery(Map.of("model", string("only this model's deployments"))),
                Endpoint.get("/api/v1/deployments/{id}", Access.READ, "A deployment",
                        ctx -> ctx.json(Views.deployment(deployments.get(Params.id(ctx, "id"))))),
                Endpoint.withBody("POST", "/api/v1/deployments/{id}/retire", Access.DEPLOY, "Stops tracking a"
                        + " deployment as live (the target is left as it is), so its model can be deleted", null, 200,
                        ctx -> ctx.json(Views.deployment(deployments.retire(Params.id(ctx, "id"),
                                Auth.caller(ctx).name())))),
                Endpoint.withBody("POST", "/api/v1/deployments/{id}/check", Access.DEPLOY, "Compares what the target"
                        + " holds now with the registry's artifact (drift)", null, 200,
                        ctx -> ctx.json(Views.deployment(deployment.checkDrift(Params.id(ctx, "id"),
                                Auth.caller(ctx).name())))));
    }
}
