package dev.modeldock.ui.page;

import dev.modeldock.plugin.ExportTarget;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Setting;
import dev.modeldock.registry.TargetProfile;
import dev.modeldock.server.auth.Access;
import dev.modeldock.service.TargetService;
import dev.modeldock.ui.http.Pages;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Creating and editing a target profile with a form made from what its export target plugin declares
 * ({@link ExportTarget#settings()}), so a third party's target gets a form without UI code. Secret
 * settings are write-only: their fields are always empty, and on edit an empty one keeps the stored
 * secret; a value typed into one is never sent back, not even after a refused save.
 */
public final class TargetFormPage {
    static final String FIELD_PREFIX = "setting.";

    private final Pages pages;
    private final TargetService targets;

    public TargetFormPage(Pages pages, TargetService targets) {
        this.pages = pages;
        this.targets = targets;
    }

    /**
     * One declared setting as its form field shows it.
     *
     * @param value  what the field holds: the stored or typed value; always empty for a secret
     * @param stored for a secret, whether the profile holds one (kept when the field is left empty)
     */
    public record Field(Setting setting, String value, boolean stored) {
        public String id() {
            return "setting-" + setting.name();
        }

        public String inputName() {
            return FIELD_PREFIX + setting.name();
        }
    }

    /** The form: a new profile ({@code create}) or an existing one, for the export target {@code plugin}. */
    public record Form(String name, String plugin, boolean create, List<Field> fields, String error) {
    }

    public void register() {
        pages.get("/targets/new", Access.ADMIN, (ctx, viewer) -> {
            String plugin = ctx.queryParam("plugin");
            if (plugin == null || plugin.isBlank()) {
                pages.render(ctx, "target-choose.jte", "New target", "targets", Map.of("plugins", targets.plugins()
                        .stream().map(ExportTarget::name).toList()));
                return;
            }
            show(ctx, new Form("", plugin, true, fields(plugin(plugin), Map.of(), Set.of()), ""));
        });
        pages.post("/targets", Access.ADMIN, (ctx, viewer) -> save(ctx, viewer.name(), ctx.formParam("name"),
                true));
        pages.get("/targets/{name}", Access.ADMIN, (ctx, viewer) -> {
            TargetProfile profile = targets.get(ctx.pathParam("name"));
            show(ctx, new Form(profile.name(), profile.plugin(), false, fields(plugin(profile.plugin()),
                    profile.settings(), profile.secretKeys()), ""));
        });
        pages.post("/targets/{name}", Access.ADMIN, (ctx, viewer) -> save(ctx, viewer.name(), ctx.pathParam("name"),
                false));
    }

    private void save(Context ctx, String actor, String name, boolean create) {
        String pluginName = create ? ctx.formParam("plugin") : targets.get(name).plugin();
        ExportTarget plugin = plugin(pluginName);
        Map<String, String> settings = new TreeMap<>();
        for (Setting setting : plugin.settings()) {
            String value = ctx.formParam(FIELD_PREFIX + setting.name());
            if (value != null && !value.isBlank()) {
                settings.put(setting.name(), setting.secret() ? value : value.strip()); // a secret is taken as typed
            }
        }
        try {
            TargetProfile saved = targets.save(name == null ? "" : name.strip(), pluginName, settings, create, actor);
            ctx.redirect("/targets?saved=" + saved.name(), HttpStatus.SEE_OTHER);
        } catch (ModelDockException e) {
            Set<String> stored = create ? Set.of() : targets.get(name).secretKeys();
            ctx.status(HttpStatus.BAD_REQUEST);
            show(ctx, new Form(name == null ? "" : name, pluginName, create, fields(plugin, settings, stored),
                    e.getMessage()));
        }
    }

    private void show(Context ctx, Form form) {
        String title = form.create() ? "New " + form.plugin() + " target" : "Target " + form.name();
        pages.render(ctx, "target-form.jte", title, "targets", Map.of("form", form));
    }

    /** The plugin's declared settings as fields holding {@code values}; a secret field never holds its value. */
    private static List<Field> fields(ExportTarget plugin, Map<String, String> values, Set<String> storedSecrets) {
        List<Field> fields = new ArrayList<>();
        for (Setting setting : plugin.settings()) {
            fields.add(setting.secret() ? new Field(setting, "", storedSecrets.contains(setting.name()))
                    : new Field(setting, values.getOrDefault(setting.name(), ""), false));
        }
        return fields;
    }

    private ExportTarget plugin(String name) {
        return targets.plugins().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new ModelDockException("there is no export target '" + name + "'; installed: "
                        + targets.plugins().stream().map(ExportTarget::name).toList()));
    }
}
