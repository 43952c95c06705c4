package dev.modeldock.service;

import dev.modeldock.host.Extensions;
import dev.modeldock.plugin.ExportTarget;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.Limits;
import dev.modeldock.registry.TargetProfile;
import dev.modeldock.registry.Targets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deployment target profiles. Which settings are secret is the export target plugin's word; they
 * are stored sealed and never shown again.
 */
public final class TargetService {
    private final Targets targets;
    private final Extensions extensions;

    TargetService(Targets targets, Extensions extensions) {
        this.targets = targets;
        this.extensions = extensions;
    }

    public List<TargetProfile> list() {
        return targets.list();
    }

    public TargetProfile get(String name) {
        return targets.get(name);
    }

    /**
     * Creates or replaces a profile of the export target {@code plugin}: the settings the plugin
     * calls secret are sealed, the rest kept as they are; a replaced profile keeps secrets not given.
     *
     * @param settings the target's settings, null for none; no value may be null
     * @param create   true to refuse an existing name, false to refuse a missing one
     */
    public TargetProfile save(String name, String plugin, Map<String, String> settings, boolean create,
            String actor) {
        if (plugin == null || plugin.isBlank()) {
            throw new ModelDockException("field 'plugin' is missing: name an export target such as file or oracle");
        }
        Limits.check("plugin", plugin, Limits.PLUGIN);
        ExportTarget target = extensions.exportTarget(plugin);
        Map<String, String> plain = new TreeMap<>();
        Map<String, String> secret = new TreeMap<>();
        (settings == null ? Map.<String, String>of() : settings).forEach((key, value) -> {
            if (value == null) {
                throw new ModelDockException("setting '" + key + "' is null; omit it instead");
            }
            (target.secretSettings().contains(key) ? secret : plain).put(key, value);
        });
        return targets.save(name, plugin, plain, secret, create, actor);
    }

    public void delete(String name, String actor) {
        targets.delete(name, actor);
    }
}
