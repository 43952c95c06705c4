package dev.modeldock.ui.http;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.ConflictException;
import dev.modeldock.registry.NotFoundException;
import dev.modeldock.registry.Sessions;
import dev.modeldock.server.auth.Access;
import dev.modeldock.server.auth.Auth;
import dev.modeldock.server.auth.Caller;
import dev.modeldock.service.JobRunner;
import dev.modeldock.service.ModelRefusedException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the UI's pages and form posts, each behind the same roles as the API: who looks is found
 * from the session cookie (or is the anonymous reader); a page the viewer may not see sends them to
 * sign in or answers 403; a post must carry the session's CSRF token and come from this site. A
 * service's refusal becomes an error page with the status the API would give.
 */
public final class Pages {
    /** The form field, or for htmx requests the header, that carries the CSRF token. */
    public static final String CSRF_FIELD = "_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Logger LOG = LoggerFactory.getLogger(Pages.class);
    private static final String VIEWER = "modeldock.viewer";

    /** What a page or form handler does, for a viewer allowed to. */
    @FunctionalInterface
    public interface Handler {
        void handle(Context ctx, Viewer viewer) throws Exception;
    }

    private final Javalin app;
    private final Auth auth;
    private final Templates templates;

    public Pages(Javalin app, Auth auth, Templates templates) {
        this.app = app;
        this.auth = auth;
        this.templates = templates;
    }

    public Templates templates() {
        return templates;
    }

    public void get(String path, Access access, Handler handler) {
        app.addHttpHandler(HandlerType.GET, path, ctx -> serve(ctx, access, handler, false));
    }

    /** A form post: CSRF-checked, then handled. */
    public void post(String path, Access access, Handler handler) {
        app.addHttpHandler(HandlerType.POST, path, ctx -> serve(ctx, access, handler, true));
    }

    /** The viewer of a request that passed {@link #get} or {@link #post}. */
    public static Viewer viewer(Context ctx) {
        Viewer viewer = ctx.attribute(VIEWER);
        return viewer == null ? Viewer.anonymous() : viewer;
    }

    /** Renders a page inside the layout: {@code params} plus {@code chrome}. */
    public void render(Context ctx, String template, String title, String section, Map<String, Object> params) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("chrome", new Chrome(title, viewer(ctx), section));
        templates.render(ctx, template, all);
    }

    private void serve(Context ctx, Access access, Handler handler, boolean changes) throws Exception {
        SecurityHeaders.apply(ctx);
        ctx.header("Cache-Control", "no-store"); // pages show what this viewer may see; no shared cache keeps them
        Optional<Sessions.Session> session = auth.session(ctx);
        Viewer viewer = session.map(s -> new Viewer(new Caller(s.user().name(), s.user().role()), s.csrfToken()))
                .orElse(auth.anonymousRead() || access == Access.PUBLIC ? Viewer.anonymous() : null);
        if (viewer == null || !viewer.can(access)) {
            refuse(ctx, viewer, changes);
            return;
        }
        ctx.attribute(VIEWER, viewer);
        if (changes && !sameSite(ctx)) {
            error(ctx, 403, "This form was sent from another site, so it was refused.");
            return;
        }
        if (changes && access != Access.PUBLIC && !csrfMatches(ctx, viewer)) {
            error(ctx, 403, "This form has expired or did not come from ModelDock's own page; reload the page"
                    + " and send it again.");
            return;
        }
        try {
            handler.handle(ctx, viewer);
        } catch (NotFoundException e) {
            error(ctx, 404, e.getMessage());
        } catch (ConflictException e) {
            error(ctx, 409, e.getMessage());
        } catch (ModelRefusedException e) {
            error(ctx, 422, e.getMessage());
        } catch (JobRunner.QueueFullException e) {
            error(ctx, 503, e.getMessage());
        } catch (ModelDockException e) {
            error(ctx, 400, e.getMessage());
        } catch (Exception e) {
            String incident = UUID.randomUUID().toString();
            LOG.error("page {} {} answered 500 (incident {})", ctx.method(), ctx.path(), incident, e);
            error(ctx, 500, "Something went wrong on the server (incident " + incident + "); the server log has"
                    + " the details.");
        }
    }

    /** Not signed in: reading pages send the browser to sign in and back; anything else is refused. */
    private void refuse(Context ctx, Viewer viewer, boolean changes) {
        if (viewer == null || !viewer.signedIn()) {
            if (!changes) {
                ctx.redirect("/sign-in?next=" + URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8),
                        HttpStatus.SEE_OTHER);
                return;
            }
            ctx.attribute(VIEWER, Viewer.anonymous());
            error(ctx, 401, "Sign in first: this needs a signed-in user.");
            return;
        }
        ctx.attribute(VIEWER, viewer);
        error(ctx, 403, "Your role (" + viewer.caller().role().id() + ") may not do this.");
    }

    /** Renders the error page with {@code status}. */
    public void error(Context ctx, int status, String message) {
        ctx.status(status);
        render(ctx, "error.jte", "Error " + status, "", Map.of("status", status, "message", message));
    }

    private static boolean csrfMatches(Context ctx, Viewer viewer) {
        String sent = ctx.header(CSRF_HEADER);
        if (sent == null) {
            sent = ctx.formParam(CSRF_FIELD);
        }
        return sent != null && !viewer.csrfToken().isEmpty() && MessageDigest.isEqual(
                sent.getBytes(StandardCharsets.UTF_8), viewer.csrfToken().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether a post came from this site, by its {@code Origin} (or {@code Referer}) header: a second
     * line behind the CSRF token, and the only one for the sign-in form, which has no session yet.
     * A request with neither header (not a browser) passes; it carries no one's cookie by accident.
     */
    private static boolean sameSite(Context ctx) {
        String origin = ctx.header("Origin");
        if ("null".equals(origin)) {
            return false; // an opaque origin: a sandboxed frame or a page from a file, never this site
        }
        if (origin == null) {
            origin = ctx.header("Referer");
        }
        if (origin == null) {
            return true;
        }
        try {
            URI uri = URI.create(origin);
            String host = ctx.host();
            return host != null && uri.getAuthority() != null && uri.getAuthority().equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
