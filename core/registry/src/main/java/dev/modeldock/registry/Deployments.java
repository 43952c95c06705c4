package dev.modeldock.registry;

import dev.modeldock.registry.internal.Audit;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The record of what was deployed where, by whom, and how it went. */
public final class Deployments {
    private static final String SELECT = "SELECT d.*, m.name AS model, v.number AS version"
            + " FROM deployment d JOIN model m ON m.id = d.model_id JOIN model_version v ON v.id = d.version_id";

    private final Jdbi jdbi;

    Deployments(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Records a deployment about to be queued; the version may be given by number or alias. */
    public Deployment create(String model, String versionRef, String target, String databaseModelName,
            String actor) {
        return jdbi.inTransaction(h -> {
            Version version = Versions.get(h, model, versionRef);
            long modelId = Models.idOf(h, model);
            long versionId = h.createQuery("SELECT id FROM model_version WHERE model_id = :m AND number = :n")
                    .bind("m", modelId).bind("n", version.number()).mapTo(Long.class).one();
            Instant now = Instant.now();
            long id = h.createUpdate("INSERT INTO deployment (model_id, version_id, target_name, database_model_name,"
                            + " artifact_sha256, status, created_by, created_at, updated_at) VALUES (:m, :v, :target,"
                            + " :name, :sha, 'queued', :actor, :now, :now)")
                    .bind("m", modelId).bind("v", versionId).bind("target", target).bind("name", databaseModelName)
                    .bind("sha", version.artifactSha256()).bind("actor", actor).bind("now", now)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            Audit.record(h, actor, "deployment.create", model + "/" + version.number(),
                    target + ":" + databaseModelName);
            return get(h, id);
        });
    }

    public void attachJob(long id, String jobId) {
        update(id, "job_id = :v", jobId);
    }

    public void running(long id) {
        update(id, "status = 'running', error = :v", null);
    }

    /** Marks it deployed, and earlier deployments of the same name on the same target replaced. */
    public void deployed(long id, String location) {
        jdbi.useTransaction(h -> {
            Deployment d = get(h, id);
            Instant now = Instant.now();
            // Lock every deployment of this name on this target, in id order, until commit: two jobs
            // finishing at once would otherwise not see each other's 'deployed' and both keep it.
            h.createQuery("SELECT id FROM deployment WHERE target_name = :t AND database_model_name = :n"
                            + " ORDER BY id FOR UPDATE")
                    .bind("t", d.target()).bind("n", d.databaseModelName()).mapTo(Long.class).list();
            h.createUpdate("UPDATE deployment SET status = 'replaced', updated_at = :now WHERE target_name = :t"
                            + " AND database_model_name = :n AND status IN ('deployed', 'drifted') AND id <> :id")
                    .bind("now", now).bind("t", d.target()).bind("n", d.databaseModelName()).bind("id", id).execute();
            h.createUpdate("UPDATE deployment SET status = 'deployed', location = :loc, error = NULL,"
                            + " finished_at = :now, updated_at = :now WHERE id = :id")
                    .bind("loc", location).bind("now", now).bind("id", id).execute();
        });
    }

    public void failed(long id, String error) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE deployment SET status = 'failed', error = :e, finished_at = :now,"
                + " updated_at = :now WHERE id = :id").bind("e", error).bind("now", Instant.now()).bind("id", id)
                .execute());
    }

    /**
     * Marks a deployment retired: the registry stops counting it as live (so its model may be
     * deleted), while the target is left as it is; removing the model there is the target owner's call.
     *
     * @throws ConflictException while it is queued or running
     */
    public Deployment retire(long id, String actor) {
        return jdbi.inTransaction(h -> {
            Deployment d = get(h, id);
            if (d.status().equals("queued") || d.status().equals("running")) {
                throw new ConflictException("deployment " + id + " is " + d.status() + "; wait for it to finish");
            }
            h.createUpdate("UPDATE deployment SET status = 'retired', updated_at = :now WHERE id = :id")
                    .bind("now", Instant.now()).bind("id", id).execute();
            Audit.record(h, actor, "deployment.retire", d.model() + "/" + d.version(),
                    d.target() + ":" + d.databaseModelName());
            return get(h, id);
        });
    }

    /**
     * Stores the outcome of a drift check made at {@code at}. A live deployment becomes
     * {@code drifted} when the target no longer holds the artifact, and {@code deployed} again when a
     * later check finds it there; one that is not live (failed, replaced, retired) keeps its status.
     */
    public Deployment checked(long id, String checkJson, boolean drifted, Instant at, String actor) {
        return jdbi.inTransaction(h -> {
            Deployment d = get(h, id);
            h.createUpdate("UPDATE deployment SET last_check = :c, checked_at = :at, updated_at = :now,"
                            + " status = CASE WHEN status IN ('deployed', 'drifted') THEN :s ELSE status END"
                            + " WHERE id = :id")
                    .bind("c", checkJson).bind("at", at).bind("s", drifted ? "drifted" : "deployed")
                    .bind("now", Instant.now()).bind("id", id).execute();
            Audit.record(h, actor, "deployment.check", d.model() + "/" + d.version(), checkJson);
            return get(h, id);
        });
    }

    public Deployment get(long id) {
        return jdbi.withHandle(h -> get(h, id));
    }

    /** All deployments, or those of one model; newest first. */
    public List<Deployment> list(String model) {
        return jdbi.withHandle(h -> {
            if (model == null) {
                return h.createQuery(SELECT + " ORDER BY d.id DESC").mapTo(Deployment.class).list();
            }
            return h.createQuery(SELECT + " WHERE d.model_id = :m ORDER BY d.id DESC").bind("m", Models.idOf(h, model))
                    .mapTo(Deployment.class).list();
        });
    }

    private void update(long id, String assignment, String value) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE deployment SET " + assignment + ", updated_at = :now WHERE id = :id")
                .bind("v", value).bind("now", Instant.now()).bind("id", id).execute());
    }

    private static Deployment get(Handle h, long id) {
        return h.createQuery(SELECT + " WHERE d.id = :id").bind("id", id).mapTo(Deployment.class).findOne()
                .orElseThrow(() -> new NotFoundException("no deployment " + id));
    }
}
