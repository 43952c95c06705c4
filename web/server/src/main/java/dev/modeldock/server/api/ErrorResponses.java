package dev.modeldock.server.api;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.ConflictException;
import dev.modeldock.registry.NotFoundException;
import dev.modeldock.service.JobRunner;
import dev.modeldock.service.ModelRefusedException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure answers {@code {"error": ..., "detail": ...}} with the status that fits it. The
 * services' domain exceptions are client mistakes: invalid input 400, not found 404, conflict 409,
 * a model Oracle would refuse 422 (detail: its problems), too many jobs queued 503.
 */
final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    static void install(Javalin app) {
        app.exception(ApiException.class, (e, ctx) -> answer(ctx, e.status(), e.getMessage(), e.detail()));
        app.exception(NotFoundException.class, (e, ctx) -> answer(ctx, 404, e.getMessage(), null));
        app.exception(ConflictException.class, (e, ctx) -> answer(ctx, 409, e.getMessage(), null));
        app.exception(ModelRefusedException.class,
                (e, ctx) -> answer(ctx, 422, e.getMessage(), e.problemDocuments()));
        app.exception(JobRunner.QueueFullException.class, (e, ctx) -> answer(ctx, 503, e.getMessage(), null));
        app.exception(ModelDockException.class, (e, ctx) -> answer(ctx, 400, e.getMessage(), null));
        app.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, e.getStatus(), e.getMessage(), null));
        app.exception(Exception.class, (e, ctx) -> {
            if (isOversizeUpload(e)) {
                answer(ctx, 413, "the upload is larger than this server accepts", e.getMessage());
                return;
            }
            String incident = UUID.randomUUID().toString();
            LOG.error("request {} {} failed (incident {})", ctx.method(), ctx.path(), incident, e);
            answer(ctx, 500, "internal error; the server log has the details", Map.of("incident", incident));
        });
        app.error(404, ctx -> {
            if (ctx.result() == null) {
                answer(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path(), null);
            }
        });
    }

    static void answer(Context ctx, int status, String message, Object detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("detail", detail);
        ctx.status(status).json(body);
    }

    /** Jetty reports a multipart part over the size limit as an IllegalStateException. */
    private static boolean isOversizeUpload(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalStateException && t.getMessage() != null && t.getMessage().contains("exceeds max")) {
                return true;
            }
        }
        return false;
    }
}
