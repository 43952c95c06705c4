package dev.modeldock.ui.page;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.server.auth.Access;
import dev.modeldock.service.CatalogService;
import dev.modeldock.service.InstalledPlugin;
import dev.modeldock.service.PluginRefusedException;
import dev.modeldock.service.PluginService;
import dev.modeldock.ui.http.Pages;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server's plugins, read through {@link PluginService}: each with its version, provider, the
 * plugin API it requires, what it provides by extension point, its state and where it comes from.
 * Admins upload a plugin zip, disable and enable any plugin and remove uploaded ones, as the API's
 * {@code /api/v1/plugins} lets them; a change lands back on {@code /plugins} saying what was done, a
 * refusal shows the page again with the service's message and the status the API gives.
 */
public final class PluginsPage {
    /** What a change that succeeded says, by the {@code done} code its redirect carries. */
    private static final Map<String, String> DONE = Map.of(
            "installed", "Plugin %s %s installed and started.",
            "disabled", "Plugin %s %s disabled; versions it made keep naming it in their provenance.",
            "enabled", "Plugin %s %s started again.",
            "removed", "Plugin %s removed.");
    /** What a refused change says before the service's reason, by the same code. */
    private static final Map<String, String> REFUSED = Map.of(
            "installed", "Not installed: ",
            "disabled", "Not disabled: ",
            "enabled", "Not started: ",
            "removed", "Not removed: ");

    private final Pages pages;
    private final PluginService plugins;
    private final CatalogService catalog;

    public PluginsPage(Pages pages, PluginService plugins, CatalogService catalog) {
        this.pages = pages;
        this.plugins = plugins;
        this.catalog = catalog;
    }

    /** One extension point of a plugin and the names of what it provides there. */
    public record Provided(String point, List<String> names) {
    }

    /** A plugin as the page shows it. */
    public record Row(InstalledPlugin plugin, List<Provided> provides) {
        static Row of(InstalledPlugin plugin) {
            List<Provided> provides = new ArrayList<>();
            plugin.extensions().forEach((point, names) -> provides.add(new Provided(point, names)));
            return new Row(plugin, provides);
        }

        public boolean started() {
            return "STARTED".equals(plugin.state());
        }

        public boolean failed() {
            return "FAILED".equals(plugin.state());
        }

        /** Built-in, uploaded, or from one of the server's extra plugin folders. */
        public String origin() {
            return plugin.builtIn() ? "built-in" : plugin.uploaded() ? "uploaded" : "plugin folder";
        }
    }

    public void register() {
        pages.get("/plugins", Access.READ, (ctx, viewer) -> render(ctx, ""));
        pages.post("/plugins", Access.ADMIN, (ctx, viewer) -> change(ctx, "installed", () -> {
            UploadedFile file = upload(ctx);
            try (InputStream zip = file.content()) {
                return plugins.install(zip, viewer.name()).id();
            }
        }));
        pages.post("/plugins/{id}/disable", Access.ADMIN, (ctx, viewer) -> change(ctx, "disabled",
                () -> plugins.disable(ctx.pathParam("id"), viewer.name()).id()));
        pages.post("/plugins/{id}/enable", Access.ADMIN, (ctx, viewer) -> change(ctx, "enabled",
                () -> plugins.enable(ctx.pathParam("id"), viewer.name()).id()));
        pages.post("/plugins/{id}/remove", Access.ADMIN, (ctx, viewer) -> change(ctx, "removed", () -> {
            plugins.remove(ctx.pathParam("id"), viewer.name());
            return ctx.pathParam("id");
        }));
    }

    /** A change that answers the plugin's id; on success back to the list, else the list with why. */
    private void change(Context ctx, String done, Change change) throws Exception {
        String id;
        try {
            id = change.run();
        } catch (ModelDockException e) {
            ctx.status(status(e));
            render(ctx, REFUSED.get(done) + e.getMessage());
            return;
        }
        ctx.redirect("/plugins?done=" + done + "&plugin=" + URLEncoder.encode(id, StandardCharsets.UTF_8),
                HttpStatus.SEE_OTHER);
    }

    /** The uploaded zip; a form without one is refused as the API refuses a request without a 'file' part. */
    private static UploadedFile upload(Context ctx) {
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null || file.filename() == null || file.filename().isBlank()) {
            throw new ModelDockException("choose the plugin zip to upload");
        }
        return file;
    }

    /** As the API answers: 413 over a size limit, 422 for a plugin that is wrong, 409, 404 or 400 otherwise. */
    private static int status(ModelDockException e) {
        if (e instanceof PluginRefusedException refused) {
            return refused.tooLarge() ? 413 : 422;
        }
        return FormFailure.status(e);
    }

    private void render(Context ctx, String error) {
        List<Row> rows = plugins.list().stream().map(Row::of).toList();
        Map<String, Object> params = new HashMap<>();
        params.put("plugins", rows);
        params.put("version", catalog.version());
        params.put("message", error.isEmpty() ? done(ctx) : "");
        params.put("error", error);
        pages.render(ctx, "plugins.jte", "Plugins", "plugins", params);
    }

    /**
     * The sentence for the {@code done} code of a redirect after a change, with the plugin's version as
     * the server has it now; empty for none, or one the server contradicts (a crafted link naming a
     * plugin that is not there, or a "removed" one that is).
     */
    private String done(Context ctx) {
        String template = DONE.get(String.valueOf(ctx.queryParam("done")));
        String id = ctx.queryParam("plugin");
        if (template == null || id == null) {
            return "";
        }
        Optional<InstalledPlugin> plugin = plugins.list().stream().filter(p -> p.id().equals(id)).findFirst();
        if ("removed".equals(ctx.queryParam("done"))) {
            return plugin.isEmpty() ? String.format(template, id) : "";
        }
        String state = "disabled".equals(ctx.queryParam("done")) ? "DISABLED" : "STARTED";
        return plugin.filter(p -> p.state().equals(state)).map(p -> String.format(template, p.id(), p.version()))
                .orElse("");
    }

    /** A change to the plugins, answering the id of the plugin it changed. */
    @FunctionalInterface
    private interface Change {
        String run() throws Exception;
    }
}
