package dev.modeldock.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.registry.Deployment;
import dev.modeldock.registry.Deployments;
import dev.modeldock.registry.Job;
import dev.modeldock.registry.Limits;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Deployments: sending a version to a target profile (a background job), and checking it for drift. */
public final class DeploymentService {
    /** A deployment just queued, and the job that will deliver it. */
    public record Queued(Job job, Deployment deployment) {
    }

    /** The kind of the jobs that deploy. */
    static final String DEPLOYMENT = "deployment";

    private final Deployments deployments;
    private final DeploymentJob deployment;
    private final JobRunner runner;
    private final DeploymentPreflight preflight;

    DeploymentService(Deployments deployments, DeploymentJob deployment, JobRunner runner,
            DeploymentPreflight preflight) {
        this.deployments = deployments;
        this.deployment = deployment;
        this.runner = runner;
        this.preflight = preflight;
        runner.register(DEPLOYMENT, (job, context) -> {
            JsonNode recorded = Json.tree(job.request());
            return deployment.run(recorded.path("deployment").asLong(),
                    recorded.path("request").path("replace").asBoolean(false), context);
        });
    }

    /**
     * Checks the request (version, target, name at the target), records the deployment and queues
     * its job.
     *
     * @throws JobRunner.QueueFullException when too many jobs wait; the deployment is then recorded as failed
     */
    public Queued deploy(DeploymentRequest request, String actor) {
        Limits.check("databaseModelName", request.databaseModelName(), Limits.DATABASE_MODEL_NAME);
        Deployment queued = deployment.prepare(request, actor);
        Job job;
        try {
            job = runner.submit(DEPLOYMENT, queued.model(), Map.of("deployment", queued.id(), "request", request),
                    actor);
        } catch (JobRunner.QueueFullException e) {
            // Left 'queued', a deployment no job will run would block deleting its model until restart.
            deployments.failed(queued.id(), e.getMessage());
            throw e;
        }
        deployments.attachJob(queued.id(), job.id());
        return new Queued(job, deployments.get(queued.id()));
    }

    /**
     * Checks a deployment before it is started, changing nothing: the version or alias, the target
     * profile, the name as the target checks it, and what the target holds under that name now
     * (which proves a database target can be reached). Each check is reported, failed or not.
     */
    public Preflight preflight(DeploymentRequest request) throws IOException {
        return preflight.run(request);
    }

    /**
     * Why the target of profile {@code target} would refuse {@code name} as the deployed model's name
     * (Oracle's identifier rules for the oracle target, a file name's for the file target), or empty
     * when it takes it; a target that needs no name takes a blank one (the model's name is used).
     */
    public Optional<String> nameProblem(String model, String target, String name) {
        return preflight.nameProblem(model, target, name);
    }

    /** Deployments, newest first; only {@code model}'s unless it is null. */
    public List<Deployment> list(String model) {
        return deployments.list(model);
    }

    public Deployment get(long id) {
        return deployments.get(id);
    }

    /** Stops tracking a deployment as live (the target is left as it is), so its model can be deleted. */
    public Deployment retire(long id, String actor) {
        return deployments.retire(id, actor);
    }

    /** Compares what the target holds now with the registry's artifact, and records the outcome. */
    public Deployment checkDrift(long id, String actor) throws IOException {
        return deployment.checkDrift(id, actor);
    }
}
