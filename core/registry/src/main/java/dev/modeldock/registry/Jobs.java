package dev.modeldock.registry;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Jobs and their event logs, so that progress survives a page reload and a crash is remembered. */
public final class Jobs {
    /** What a job is failed with when the server running it stops. */
    public static final String INTERRUPTED = "interrupted: the server stopped while this job was running";

    private final Jdbi jdbi;

    Jobs(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @param model the name of the model the job converts or deploys, by which jobs are listed; may be null */
    public Job create(String kind, String model, String requestJson, String actor) {
        String id = UUID.randomUUID().toString();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO job (id, kind, model, state, progress, stage, request,"
                        + " created_by, created_at) VALUES (:id, :kind, :model, 'queued', 0, 'queued', :request,"
                        + " :actor, :now)")
                .bind("id", id).bind("kind", kind).bind("model", model).bind("request", requestJson)
                .bind("actor", actor).bind("now", Instant.now()).execute());
        return get(id);
    }

    public Job get(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("no job " + Names.printable(id)));
    }

    public Optional<Job> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM job WHERE id = :id").bind("id", id).mapTo(Job.class)
                .findOne());
    }

    /** The jobs the query asks for, newest first. */
    public Page<Job> list(JobQuery query) {
        return jdbi.withHandle(h -> {
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            Map<String, Object> filters = new LinkedHashMap<>();
            filter(where, filters, "state", query.state());
            filter(where, filters, "kind", query.kind());
            filter(where, filters, "model", query.model());
            long total = h.createQuery("SELECT COUNT(*) FROM job" + where).bindMap(filters).mapTo(Long.class).one();
            List<Job> jobs = h.createQuery("SELECT * FROM job" + where
                            + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset").bindMap(filters)
                    .bind("limit", query.limit()).bind("offset", query.offset()).mapTo(Job.class).list();
            return new Page<>(jobs, query.offset(), query.limit(), total);
        });
    }

    /** Adds {@code column = :column} when a value is given; column names come from the code, values are bound. */
    private static void filter(StringBuilder where, Map<String, Object> filters, String column, String value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = :").append(column);
            filters.put(column, value);
        }
    }

    public void progress(String id, double fraction, String stage) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE job SET progress = :p, stage = :s WHERE id = :id")
                .bind("p", fraction).bind("s", truncate(stage, 400)).bind("id", id).execute());
    }

    /**
     * Ends the job; {@code error} null means it succeeded.
     *
     * @return false when it had ended already: failed by another server, which took its server for stopped
     */
    public boolean finished(String id, String resultJson, String error) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE job SET state = :state, result = :result, error = :error,"
                        + " progress = CASE WHEN :ok THEN 1 ELSE progress END, finished_at = :now WHERE id = :id"
                        + " AND state IN ('queued', 'running')")
                .bind("state", error == null ? "succeeded" : "failed").bind("result", resultJson)
                .bind("error", error == null ? null : truncate(error, 100_000)).bind("ok", error == null)
                .bind("now", Instant.now()).bind("id", id).execute()) == 1;
    }

    /** Appends an event; events of one job are written by one thread, so numbering needs no lock. */
    public JobEvent append(String id, String kind, String dataJson) {
        return jdbi.inTransaction(h -> append(h, id, kind, dataJson, Instant.now()));
    }

    /** The job's events after {@code afterSeq}, in order. */
    public List<JobEvent> events(String id, int afterSeq) {
        return jdbi.withHandle(h -> h.createQuery("SELECT job_id, seq, at, kind, data FROM job_event"
                        + " WHERE job_id = :id AND seq > :after ORDER BY seq").bind("id", id).bind("after", afterSeq)
                .mapTo(JobEvent.class).list());
    }

    /**
     * Claims the oldest queued job for {@code server}, with a lease until now + {@code lease}, or
     * none when none waits. Row locks that skip what another server is claiming at the same moment
     * make each job claimed exactly once, on PostgreSQL and H2 alike.
     */
    public Optional<Job> claim(String server, Duration lease) {
        return jdbi.inTransaction(h -> {
            Optional<String> id = h.createQuery("SELECT id FROM job WHERE state = 'queued'"
                    + " ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED").mapTo(String.class).findOne();
            if (id.isEmpty()) {
                return Optional.<Job>empty();
            }
            Instant now = Instant.now();
            h.createUpdate("UPDATE job SET state = 'running', claimed_by = :server, lease_until = :until,"
                            + " started_at = :now WHERE id = :id").bind("server", server)
                    .bind("until", now.plus(lease)).bind("now", now).bind("id", id.get()).execute();
            return h.createQuery("SELECT * FROM job WHERE id = :id").bind("id", id.get()).mapTo(Job.class).findOne();
        });
    }

    /** Extends the lease of every job {@code server} is running to now + {@code lease}. */
    public void renew(String server, Duration lease) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE job SET lease_until = :until WHERE claimed_by = :server"
                + " AND state = 'running'").bind("until", Instant.now().plus(lease)).bind("server", server).execute());
    }

    /** How many jobs wait to be claimed, on every server. */
    public long queued() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM job WHERE state = 'queued'")
                .mapTo(Long.class).one());
    }

    /**
     * Fails the running jobs whose server has stopped: its row is gone ({@link Servers#forgetStopped})
     * or their lease ran out. Each ends with a state event naming the server, and a deployment the job
     * was delivering fails with it.
     *
     * @return how many were failed
     */
    public int failOrphaned() {
        return jdbi.inTransaction(h -> {
            Instant now = Instant.now();
            // Locked, skipping what another server is failing at this moment: each orphan is failed once.
            List<Map<String, Object>> orphaned = h.createQuery("SELECT id, claimed_by FROM job j WHERE state = 'running'"
                            + " AND (lease_until < :now OR claimed_by IS NULL OR NOT EXISTS"
                            + " (SELECT 1 FROM server_node s WHERE s.id = j.claimed_by)) FOR UPDATE SKIP LOCKED")
                    .bind("now", now).mapToMap().list();
            for (Map<String, Object> job : orphaned) {
                Object server = job.get("claimed_by");
                fail(h, (String) job.get("id"), server == null ? INTERRUPTED
                        : "interrupted: server " + server + " stopped while this job was running", now);
            }
            failUnstartedDeployments(h, now);
            return orphaned.size();
        });
    }

    /** Fails the jobs {@code server} is still running as it stops: they were cut off. */
    public int failRunningOn(String server) {
        return jdbi.inTransaction(h -> {
            Instant now = Instant.now();
            List<String> running = h.createQuery("SELECT id FROM job WHERE state = 'running' AND claimed_by = :server")
                    .bind("server", server).mapTo(String.class).list();
            running.forEach(id -> fail(h, id, INTERRUPTED, now));
            return running.size();
        });
    }

    /**
     * A deployment is recorded, then its job queued and attached, within milliseconds; one still
     * without a job a minute later lost its server in between, and one whose job ended without
     * it was never picked up. Neither would ever move on, and each blocks deleting its model.
     */
    private static void failUnstartedDeployments(Handle h, Instant now) {
        h.createUpdate("UPDATE deployment SET status = 'failed', error = :e, finished_at = :now, updated_at = :now"
                        + " WHERE status IN ('queued', 'running') AND ((job_id IS NULL AND created_at < :stale)"
                        + " OR EXISTS (SELECT 1 FROM job j WHERE j.id = deployment.job_id AND j.state IN ('succeeded',"
                        + " 'failed')))")
                .bind("e", INTERRUPTED).bind("now", now).bind("stale", now.minus(Duration.ofMinutes(1))).execute();
    }

    private static void fail(Handle h, String id, String error, Instant now) {
        h.createUpdate("UPDATE job SET state = 'failed', error = :e, finished_at = :now WHERE id = :id")
                .bind("e", error).bind("now", now).bind("id", id).execute();
        // A client following the job's event stream learns how it ended from the last state event,
        // as it does when the job runner ends a job; without it the stream ends on 'running'.
        append(h, id, "state", JsonNodeFactory.instance.objectNode().put("state", "failed").put("error", error)
                .toString(), now);
        h.createUpdate("UPDATE deployment SET status = 'failed', error = :e, finished_at = :now, updated_at = :now"
                + " WHERE job_id = :id AND status IN ('queued', 'running')").bind("e", error).bind("now", now)
                .bind("id", id).execute();
    }

    private static JobEvent append(Handle h, String id, String kind, String dataJson, Instant now) {
        int seq = h.createQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM job_event WHERE job_id = :id")
                .bind("id", id).mapTo(Integer.class).one();
        h.createUpdate("INSERT INTO job_event (job_id, seq, at, kind, data) VALUES (:id, :seq, :at, :kind, :data)")
                .bind("id", id).bind("seq", seq).bind("at", now).bind("kind", kind)
                .bind("data", truncate(dataJson, 100_000)).execute();
        return new JobEvent(id, seq, now, kind, dataJson);
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
