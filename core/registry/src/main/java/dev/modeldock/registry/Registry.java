package dev.modeldock.registry;

import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The registry: every model built, its versions and their bytes, where they were deployed, and who
 * did what. One instance per database; safe for concurrent use.
 */
public final class Registry {
    private final RegistryDatabase database;
    private final Jdbi jdbi;
    private final Models models;
    private final ModelSummaries summaries;
    private final Versions versions;
    private final Aliases aliases;
    private final ArtifactStore artifacts;
    private final Deployments deployments;
    private final Jobs jobs;
    private final Targets targets;
    private final Users users;
    private final Sessions sessions;

    public Registry(RegistryDatabase database, SecretBox secrets) {
        this.database = database;
        this.jdbi = database.jdbi();
        this.models = new Models(jdbi);
        this.summaries = new ModelSummaries(jdbi);
        this.versions = new Versions(jdbi);
        this.aliases = new Aliases(jdbi);
        this.artifacts = new ArtifactStore(database);
        this.deployments = new Deployments(jdbi);
        this.jobs = new Jobs(jdbi);
        this.targets = new Targets(jdbi, secrets);
        this.users = new Users(jdbi);
        this.sessions = new Sessions(jdbi);
    }

    public Models models() {
        return models;
    }

    /** The catalog's page of models with their summary figures. */
    public ModelSummaries summaries() {
        return summaries;
    }

    public Versions versions() {
        return versions;
    }

    public Aliases aliases() {
        return aliases;
    }

    public ArtifactStore artifacts() {
        return artifacts;
    }

    public Deployments deployments() {
        return deployments;
    }

    public Jobs jobs() {
        return jobs;
    }

    public Targets targets() {
        return targets;
    }

    public Users users() {
        return users;
    }

    /** Web UI sessions. */
    public Sessions sessions() {
        return sessions;
    }

    /** SQL statements run since the database was opened ({@link RegistryDatabase#statementCount()}). */
    public long statementCount() {
        return database.statementCount();
    }

    /** The latest audit entries, newest first. */
    public List<AuditEntry> audit(int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, at, actor, action, subject, detail FROM audit"
                        + " ORDER BY id DESC LIMIT :limit").bind("limit", limit).mapTo(AuditEntry.class).list());
    }

    /**
     * Clears what a crashed process left: jobs and deployments it was running are marked failed,
     * half-uploaded bytes and artifacts no version uses are removed.
     */
    public Recovery recover() {
        int jobsFailed = jobs.failInterrupted();
        int staging = artifacts.sweepStaging();
        int unreferenced = artifacts.sweepUnreferenced();
        return new Recovery(jobsFailed, staging, unreferenced);
    }

    /** What {@link #recover()} cleared. */
    public record Recovery(int interruptedJobs, int stagedUploads, int unreferencedArtifacts) {
    }
}
