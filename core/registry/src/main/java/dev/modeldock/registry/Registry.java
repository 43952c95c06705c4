package dev.modeldock.registry;

import dev.modeldock.registry.internal.Audit;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

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

    /** The registry with artifact bytes in the database ({@link DatabaseArtifacts}). */
    public Registry(RegistryDatabase database, SecretBox secrets) {
        this(database, secrets, new DatabaseArtifacts(database));
    }

    /** The registry with artifact bytes in {@code artifacts}, a store over the same {@code database}. */
    public Registry(RegistryDatabase database, SecretBox secrets, ArtifactStore artifacts) {
        this.database = database;
        this.jdbi = database.jdbi();
        this.models = new Models(jdbi);
        this.summaries = new ModelSummaries(jdbi);
        this.versions = new Versions(jdbi);
        this.aliases = new Aliases(jdbi);
        this.artifacts = artifacts;
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

    /** One page of the audit entries {@code query} selects, newest first, with how many match in all. */
    public Page<AuditEntry> audit(AuditQuery query) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (query.actor() != null) {
            where.append(" AND actor = :actor");
        }
        if (query.action() != null) {
            where.append(" AND action = :action");
        }
        if (query.subject() != null) {
            where.append(" AND LOWER(subject) LIKE :subject");
        }
        return jdbi.withHandle(h -> {
            long total = bindAudit(h.createQuery("SELECT COUNT(*) FROM audit" + where), query).mapTo(Long.class).one();
            List<AuditEntry> entries = bindAudit(h.createQuery("SELECT id, at, actor, action, subject, detail FROM audit"
                    + where + " ORDER BY id DESC LIMIT :limit OFFSET :offset"), query)
                    .bind("limit", query.limit()).bind("offset", query.offset()).mapTo(AuditEntry.class).list();
            return new Page<>(entries, query.offset(), query.limit(), total);
        });
    }

    /**
     * Records an action that changes no registry table (a plugin installed on the server), as the
     * registry's own changes record theirs.
     */
    public void recordAudit(String actor, String action, String subject, String detail) {
        jdbi.useHandle(h -> Audit.record(h, actor, action, subject, detail));
    }

    /** Every action the audit log holds, in alphabetical order: the choices of a filter. */
    public List<String> auditActions() {
        return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT action FROM audit ORDER BY action")
                .mapTo(String.class).list());
    }

    private static Query bindAudit(Query q, AuditQuery query) {
        if (query.actor() != null) {
            q.bind("actor", query.actor());
        }
        if (query.action() != null) {
            q.bind("action", query.action());
        }
        if (query.subject() != null) {
            q.bind("subject", "%" + query.subject().toLowerCase(Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return q;
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
