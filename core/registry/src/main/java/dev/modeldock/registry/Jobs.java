package dev.modeldock.registry;

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
    /** What a job left running by a stopped server is marked failed with. */
    public static final String INTERRUPTED = "interrupted: the server stopped while this job was running";
    /** The state event such a job ends with; {@link #INTERRUPTED} needs no escaping in JSON. */
    private static final String INTERRUPTED_EVENT = "{\"state\":\"failed\",\"error\":\"" + INTERRUPTED + "\"}";

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

    public void started(String id) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE job SET state = 'running', started_at = :now WHERE id = :id")
                .bind("now", Instant.now()).bind("id", id).execute());
    }

    public void progress(String id, double fraction, String stage) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE job SET progress = :p, stage = :s WHERE id = :id")
                .bind("p", fraction).bind("s", truncate(stage, 400)).bind("id", id).execute());
    }

    /** Ends the job; {@code error} null means it succeeded. */
    public void finished(String id, String resultJson, String error) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE job SET state = :state, result = :result, error = :error,"
                        + " progress = CASE WHEN :ok THEN 1 ELSE progress END, finished_at = :now WHERE id = :id")
                .bind("state", error == null ? "succeeded" : "failed").bind("result", resultJson)
                .bind("error", error == null ? null : truncate(error, 100_000)).bind("ok", error == null)
                .bind("now", Instant.now()).bind("id", id).execute());
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
     * Marks every job that was queued or running as failed. Called at start: no job of this
     * process is running yet, so any such job belonged to a process that died.
     *
     * @return how many were marked
     */
    public int failInterrupted() {
        return jdbi.inTransaction(h -> {
            Instant now = Instant.now();
            List<String> interrupted = h.createQuery("SELECT id FROM job WHERE state IN ('queued', 'running')")
                    .mapTo(String.class).list();
            for (String id : interrupted) {
                h.createUpdate("UPDATE job SET state = 'failed', error = :e, finished_at = :now WHERE id = :id")
                        .bind("e", INTERRUPTED).bind("now", now).bind("id", id).execute();
                // A client following the job's event stream learns how it ended from the last state event,
                // as it does when the job runner ends a job; without it the stream ends on 'running'.
                append(h, id, "state", INTERRUPTED_EVENT, now);
            }
            failInterruptedDeployments(h, now);
            return interrupted.size();
        });
    }

    private static JobEvent append(Handle h, String id, String kind, String dataJson, Instant now) {
        int seq = h.createQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM job_event WHERE job_id = :id")
                .bind("id", id).mapTo(Integer.class).one();
        h.createUpdate("INSERT INTO job_event (job_id, seq, at, kind, data) VALUES (:id, :seq, :at, :kind, :data)")
                .bind("id", id).bind("seq", seq).bind("at", now).bind("kind", kind)
                .bind("data", truncate(dataJson, 100_000)).execute();
        return new JobEvent(id, seq, now, kind, dataJson);
    }

    private static void failInterruptedDeployments(Handle h, Instant now) {
        h.createUpdate("UPDATE deployment SET status = 'failed', error = :e, finished_at = :now, updated_at = :now"
                + " WHERE status IN ('queued', 'running')").bind("e", INTERRUPTED).bind("now", now).execute();
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
