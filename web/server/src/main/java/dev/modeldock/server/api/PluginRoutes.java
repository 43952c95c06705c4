package dev.modeldock.server.api;

import static dev.modeldock.server.api.Schemas.object;

import dev.modeldock.registry.Names;
import dev.modeldock.server.auth.Access;
import dev.modeldock.server.auth.Auth;
import dev.modeldock.service.InstalledPlugin;
import dev.modeldock.service.PluginService;
import io.javalin.http.Context;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's plugins: listed to readers; installed (a multipart upload of the plugin zip),
 * disabled, enabled and removed by admins, without a restart. What a plugin may be, and why one is
 * refused, is {@link PluginService}'s word; a refused plugin is a 422 (413 over a size limit), a
 * built-in or provenance-named one a 409, an unknown id a 404.
 */
final class PluginRoutes {
    private final PluginService plugins;

    PluginRoutes(PluginService plugins) {
        this.plugins = plugins;
    }

    List<Endpoint> endpoints() {
        return List.of(
                Endpoint.get("/api/v1/plugins", Access.READ, "Every plugin: id, version, provider, the plugin API it"
                        + " requires, state (STARTED, FAILED with the reason, DISABLED), extensions by kind, builtIn",
                        ctx -> ctx.json(plugins.list().stream().map(p -> view(ctx, p)).toList()))
                        .returns(ResponseSchemas.listOf("Plugin")),
                new Endpoint("POST", "/api/v1/plugins", Access.ADMIN, "Installs a plugin zip (pf4j's plugin folder,"
                        + " at the zip's root or in one top folder) and starts it without a restart; an upload of an"
                        + " uploaded plugin's id replaces it. Refused (422, 413 over the size limits, 409 for a"
                        + " built-in id) with the running plugins untouched", null, 201, this::install, Map.of(),
                        null, null).withUpload(object(List.of("file"), "file", Schemas.binary("the plugin zip")), 201,
                        ResponseSchemas.ref("Plugin")).returns(ResponseSchemas.ref("Plugin")),
                Endpoint.get("/api/v1/plugins/{id}", Access.READ, "One plugin",
                        ctx -> ctx.json(view(ctx, plugins.get(ctx.pathParam("id")))))
                        .returns(ResponseSchemas.ref("Plugin")),
                action("disable", "Stops a plugin (built-in ones too) and keeps it disabled across restarts;"
                        + " versions it made keep naming it in their provenance"),
                action("enable", "Starts a disabled (or failed) plugin again; 422 with the reason when it does not"
                        + " start, and it stays as it was"),
                Endpoint.delete("/api/v1/plugins/{id}", Access.ADMIN, "Stops and deletes an uploaded plugin; 409 for"
                        + " a built-in one, one from an extra plugin folder, or one a stored version's provenance"
                        + " names (disable those instead)", ctx -> {
                    plugins.remove(ctx.pathParam("id"), Auth.caller(ctx).name());
                    ctx.status(204);
                }));
    }

    private Endpoint action(String verb, String summary) {
        return Endpoint.withBody("POST", "/api/v1/plugins/{id}/" + verb, Access.ADMIN, summary, null, 200, ctx -> {
            String id = ctx.pathParam("id");
            String actor = Auth.caller(ctx).name();
            ctx.json(view(ctx, verb.equals("disable") ? plugins.disable(id, actor) : plugins.enable(id, actor)));
        }).returns(ResponseSchemas.ref("Plugin"));
    }

    private void install(Context ctx) throws IOException {
        UploadForm.requireBoundary(ctx.contentType());
        Part file = null;
        for (Part part : UploadForm.parts(ctx)) {
            if (!"file".equals(part.getName()) || file != null) {
                throw new ApiException(400, "a plugin upload is one multipart part named 'file' holding the plugin"
                        + " zip; this one has " + (file != null && "file".equals(part.getName()) ? "two 'file' parts"
                        : "a part '" + Names.printable(String.valueOf(part.getName())) + "'"));
            }
            file = part;
        }
        if (file == null) {
            throw new ApiException(400, "the multipart request needs a 'file' part holding the plugin zip");
        }
        try (InputStream zip = file.getInputStream()) {
            InstalledPlugin installed = plugins.install(zip, Auth.caller(ctx).name());
            ctx.status(201).header("Location", "/api/v1/plugins/" + installed.id()).json(view(ctx, installed));
        }
    }

    /** The plugin as JSON; a reader without a token is not shown where on the server it lies. */
    private static Map<String, Object> view(Context ctx, InstalledPlugin plugin) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", plugin.id());
        view.put("version", plugin.version());
        view.put("provider", plugin.provider());
        view.put("requires", plugin.requires());
        view.put("description", plugin.description());
        view.put("state", plugin.state());
        view.put("reason", plugin.reason());
        view.put("extensions", plugin.extensions());
        view.put("builtIn", plugin.builtIn());
        view.put("uploaded", plugin.uploaded());
        if (!Auth.caller(ctx).isAnonymous()) {
            view.put("source", plugin.source());
        }
        return view;
    }
}
