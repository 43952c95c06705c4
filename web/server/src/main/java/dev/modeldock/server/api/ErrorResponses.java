package dev.modeldock.server.api;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.ConflictException;
import dev.modeldock.registry.Names;
import dev.modeldock.registry.NotFoundException;
import dev.modeldock.service.JobRunner;
import dev.modeldock.service.ModelRefusedException;
import dev.modeldock.service.PluginRefusedException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure answers {@code {"error": ..., "detail": ...}} with the status that fits it. The
 * services' domain exceptions are client mistakes: invalid input 400, not found 404, conflict 409,
 * a model Oracle would refuse 422 (detail: its problems), a plugin refused 422 (413 over a size limit),
 * too many jobs queued 503.
 */
final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
    /** Headers of a successful answer, removed from an error's. */
    private static final List<String> SUCCESS_HEADERS = List.of("Location", "Content-Location", "Content-Disposition",
            "Content-Length", "Content-Range", "ETag", "Last-Modified", "Accept-Ranges");

    private ErrorResponses() {
    }

    static void install(Javalin app) {
        app.exception(ApiException.class, (e, ctx) -> {
            answer(ctx, e.status(), e.getMessage(), e.detail());
            e.headers().forEach(ctx::header);
        });
        app.exception(NotFoundException.class, (e, ctx) -> answer(ctx, 404, e.getMessage(), null));
        app.exception(ConflictException.class, (e, ctx) -> answer(ctx, 409, e.getMessage(), null));
        app.exception(ModelRefusedException.class,
                (e, ctx) -> answer(ctx, 422, e.getMessage(), e.problemDocuments()));
        app.exception(JobRunner.QueueFullException.class, (e, ctx) -> answer(ctx, 503, e.getMessage(), null));
        app.exception(PluginRefusedException.class,
                (e, ctx) -> answer(ctx, e.tooLarge() ? 413 : 422, e.getMessage(), null));
        app.exception(ModelDockException.class, (e, ctx) -> answer(ctx, 400, e.getMessage(), null));
        app.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, e.getStatus(), e.getMessage(), null));
        app.exception(Exception.class, (e, ctx) -> {
            if (isOversizeUpload(e)) {
                answer(ctx, 413, "the upload is larger than this server accepts", Names.printable(
                        String.valueOf(e.getMessage())));
                return;
            }
            String incident = UUID.randomUUID().toString();
            // The status is in the event: the test suite tells a server failure's stack trace (kept for
            // the maintainer) from one logged for a client's mistake (never) by it.
            LOG.error("request {} {} answered 500 (incident {})", ctx.method(), ctx.path(), incident, e);
            answer(ctx, 500, "internal error; the server log has the details", Map.of("incident", incident));
        });
        app.error(404, ctx -> {
            if (ctx.result() == null) {
                answer(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path(), null);
            }
        });
    }

    /**
     * The error's answer: the status and the JSON body, without the headers a handler may have set
     * for the success it was preparing (a {@code Location}, a download's {@code Content-Disposition},
     * {@code ETag} or {@code Content-Length}), which would describe something that does not exist.
     * Headers about the error itself ({@code WWW-Authenticate}) stay.
     */
    static void answer(Context ctx, int status, String message, Object detail) {
        for (String header : SUCCESS_HEADERS) {
            ctx.res().setHeader(header, null);
        }
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
