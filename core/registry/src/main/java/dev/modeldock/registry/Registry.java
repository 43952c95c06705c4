package dev.modeldock.registry;

import dev.modeldock.registry.internal.Audit;
import java.time.Duration;
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
    private final SignInFailures signInFailures;
    private final Servers servers;
    private final String serverId;

    /**
     * The registry with artifact bytes in the database ({@link DatabaseArtifacts}).
     *
     * @param serverId this process's id among the servers over the database ({@link ServerNode#newId()}):
     *                 the owner of the uploads and jobs it runs
     */
    public Registry(RegistryDatabase database, SecretBox secrets, String serverId) {
        this(database, secrets, serverId, new DatabaseArtifacts(database, serverId));
    }

    /**
     * The registry with artifact bytes in {@code artifacts}, a store over the same {@code database}
     * that writes as {@code serverId}.
     */
    public Registry(RegistryDatabase database, SecretBox secrets, String serverId, ArtifactStore artifacts) {
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
        this.signInFailures = new SignInFailures(jdbi);
        this.servers = new Servers(jdbi);
        this.serverId = serverId;
    }

    /** The servers running over the database, this one among them once it has registered. */
    public Servers servers() {
        return servers;
    }

    /** This process's id among {@link #servers()}. */
    public String serverId() {
        return serverId;
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

    /** Failed web UI sign-ins, counted across every server over this database. */
    public SignInFailures signInFailures() {
        return signInFailures;
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
     * Clears what servers that stopped left: it forgets servers whose heartbeat is older than
     * {@code lease}, fails the jobs and deployments they were running, and removes their partial
     * uploads and the artifacts they stored for versions never filed. Work of running servers is
     * left alone, so any server may run this at any time; a server runs it as it starts.
     */
    public Recovery recover(Duration lease) {
        return sweepAfter(servers.forgetStopped(lease), true);
    }

    /**
     * {@link #recover}, with the artifact sweeps (which may list a whole object store) only when a
     * server was found stopped: what a running server's heartbeat does.
     */
    public Recovery recoverFromStops(Duration lease) {
        List<String> stopped = servers.forgetStopped(lease);
        return sweepAfter(stopped, !stopped.isEmpty());
    }

    /**
     * {@link #recover} for a database only this process can open (embedded H2 holds a file lock):
     * every other server listed has stopped, however fresh its heartbeat, and is forgotten at once.
     */
    public Recovery recoverExclusive() {
        return sweepAfter(servers.forgetAllBut(serverId), true);
    }

    private Recovery sweepAfter(List<String> stoppedServers, boolean sweepArtifacts) {
        int jobsFailed = jobs.failOrphaned();
        int staging = sweepArtifacts ? artifacts.sweepStaging() : 0;
        int unreferenced = sweepArtifacts ? artifacts.sweepUnreferenced() : 0;
        return new Recovery(stoppedServers, jobsFailed, staging, unreferenced);
    }

    /** What {@link #recover} cleared, and after which servers. */
    public record Recovery(List<String> stoppedServers, int interruptedJobs, int stagedUploads,
            int unreferencedArtifacts) {
        public boolean isEmpty() {
            return interruptedJobs + stagedUploads + unreferencedArtifacts == 0;
        }
    }
}
