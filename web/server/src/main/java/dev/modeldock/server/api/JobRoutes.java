package dev.modeldock.server.api;

import static dev.modeldock.server.api.Schemas.string;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.registry.Job;
import dev.modeldock.registry.JobEvent;
import dev.modeldock.registry.JobQuery;
import dev.modeldock.registry.Page;
import dev.modeldock.server.auth.Access;
import dev.modeldock.server.auth.Auth;
import dev.modeldock.service.JobService;
import dev.modeldock.service.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Jobs, and their events as Server-Sent Events. The stream replays what the job already reported
 * (or what came after {@code Last-Event-ID}), follows it live, and ends after its final state.
 * It reads the job's event log rather than an in-memory channel, so a client reconnecting to
 * another server over the same PostgreSQL sees the same stream.
 */
final class JobRoutes {
    private static final long POLL_MILLIS = 200;
    private static final long HEARTBEAT_MILLIS = 15_000;

    private final JobService jobs;

    JobRoutes(JobService jobs) {
        this.jobs = jobs;
    }

    List<Endpoint> endpoints() {
        return List.of(
                Endpoint.get("/api/v1/jobs", Access.READ, "Lists jobs, newest first; filters state, kind, model;"
                        + " paging with offset and limit; without a token each job as GET /api/v1/jobs/{id} shows"
                        + " it", ctx -> {
                    JobQuery query = new JobQuery(Params.text(ctx, "state"), Params.text(ctx, "kind"),
                            Params.text(ctx, "model"), Params.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE),
                            Params.integer(ctx, "limit", 50, 1, Page.MAX_LIMIT));
                    ctx.json(Views.page(jobs.list(query), job -> Views.job(job, Auth.caller(ctx))));
                }).withQuery(Schemas.parameters("state", oneOf(JobQuery.STATES, "only jobs in this state"),
                        "kind", oneOf(JobQuery.KINDS, "only jobs of this kind"),
                        "model", string("only jobs that convert or deploy this model"),
                        "offset", Schemas.integer("jobs to skip (default 0)"),
                        "limit", Schemas.integer("jobs per page, 1 to " + Page.MAX_LIMIT + " (default 50)")))
                        .returns(ResponseSchemas.pageOf("Job")),
                Endpoint.get("/api/v1/jobs/{id}", Access.READ, "A job's state, progress and result; without a"
                        + " token only its kind, state, progress and times (no request, log, result or error)",
                        ctx -> ctx.json(Views.job(jobs.get(ctx.pathParam("id")), Auth.caller(ctx))))
                        .returns(ResponseSchemas.ref("Job")),
                Endpoint.get("/api/v1/jobs/{id}/events", Access.READ, "The job's progress, log and state as"
                        + " Server-Sent Events (text/event-stream); honours Last-Event-ID. Without a token only"
                        + " state and progress events, carrying just the state or the fraction", ctx -> {
                    jobs.get(ctx.pathParam("id")); // 404 as JSON before the stream starts
                    stream(ctx);
                }).returns(new Endpoint.Response("text/event-stream", Map.of("type", "string", "description",
                        "events 'state', 'progress' and 'log', each with JSON data and a sequence number as id"))));
    }

    private static Map<String, Object> oneOf(List<String> values, String description) {
        return Map.of("type", "string", "enum", values, "description", description);
    }

    private void stream(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        int last = lastEventId(ctx.header("Last-Event-ID"));
        boolean anonymous = Auth.caller(ctx).isAnonymous();
        EventStream stream = new EventStream(ctx);
        long quietSince = System.currentTimeMillis();
        try {
            while (!stream.isClosed()) {
                Job job = jobs.get(id);
                List<JobEvent> fresh = jobs.events(id, last);
                for (JobEvent event : fresh) {
                    String data = anonymous ? publicData(event) : event.data();
                    if (data != null) {
                        stream.send(event.kind(), data, String.valueOf(event.seq()));
                    }
                    last = event.seq();
                }
                if (job.isFinished() && jobs.events(id, last).isEmpty()) {
                    return; // read after the job ended: nothing more will come
                }
                if (!fresh.isEmpty()) {
                    quietSince = System.currentTimeMillis();
                } else if (System.currentTimeMillis() - quietSince > HEARTBEAT_MILLIS) {
                    stream.comment("still running");
                    quietSince = System.currentTimeMillis();
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What a reader without a token sees of an event: a state change's state, a progress event's
     * fraction; null for log lines. Results, errors and stage texts name server folders and files.
     */
    private static String publicData(JobEvent event) {
        JsonNode data = Json.tree(event.data());
        return switch (event.kind()) {
            case "state" -> Json.write(Map.of("state", data.path("state").asText()));
            case "progress" -> Json.write(Map.of("progress", data.path("progress").asDouble()));
            default -> null;
        };
    }

    private static int lastEventId(String header) {
        try {
            return header == null ? 0 : Math.max(0, Integer.parseInt(header.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
