package dev.modeldock.service;

import dev.modeldock.host.Extensions;
import dev.modeldock.plugin.ExportTarget;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Setting;
import dev.modeldock.registry.Limits;
import dev.modeldock.registry.Names;
import dev.modeldock.registry.TargetProfile;
import dev.modeldock.registry.Targets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Deployment target profiles. Which settings a target takes, of which type, and which are secret
 * is the export target plugin's word (its declaration); secret ones are stored sealed and never
 * shown again.
 */
public final class TargetService {
    /**
     * Not profiles' names: {@code /api/v1/targets/plugins} lists the export targets, and the web UI's
     * {@code /targets/new} is the form for a new profile.
     */
    private static final Map<String, String> RESERVED = Map.of("plugins", "/api/v1/targets/plugins lists the export"
            + " targets", "new", "/targets/new is the web UI's form for a new profile");

    private final Targets targets;
    private final Extensions extensions;
    private final TargetSettings declared;

    TargetService(Targets targets, Extensions extensions, TargetSettings declared) {
        this.targets = targets;
        this.extensions = extensions;
        this.declared = declared;
    }

    /** The export targets a profile can use, each with its settings declaration. */
    public List<ExportTarget> plugins() {
        return extensions.exportTargets();
    }

    public List<TargetProfile> list() {
        return targets.list();
    }

    public TargetProfile get(String name) {
        return targets.get(name);
    }

    /**
     * Creates or replaces a profile of the export target {@code plugin}: the settings are checked
     * against the plugin's declaration (see {@link TargetSettings#check}), those it calls secret are
     * sealed, the rest kept as they are; a replaced profile keeps secrets not given.
     *
     * @param settings the target's settings, null for none; no value may be null
     * @param create   true to refuse an existing name, false to refuse a missing one
     */
    public TargetProfile save(String name, String plugin, Map<String, String> settings, boolean create,
            String actor) {
        if (plugin == null || plugin.isBlank()) {
            throw new ModelDockException("field 'plugin' is missing: name an export target such as file or oracle");
        }
        Names.target(name);
        Limits.check("plugin", plugin, Limits.PLUGIN);
        if (RESERVED.containsKey(name)) {
            throw new ModelDockException("a target profile cannot be called '" + name + "': " + RESERVED.get(name)
                    + "; choose another name");
        }
        ExportTarget target = extensions.exportTarget(plugin);
        Map<String, String> given = settings == null ? Map.of() : settings;
        given.forEach((key, value) -> {
            if (value == null) {
                throw new ModelDockException("setting '" + key + "' is null; omit it instead");
            }
        });
        // A replaced profile keeps the secrets not given again; replacing a missing one is a 404 before anything else.
        declared.check(target, given, create ? Set.of() : targets.get(name).secretKeys());
        Set<String> secretNames = target.settings().stream().filter(Setting::secret).map(Setting::name)
                .collect(Collectors.toSet());
        Map<String, String> plain = new TreeMap<>();
        Map<String, String> secret = new TreeMap<>();
        given.forEach((key, value) -> (secretNames.contains(key) ? secret : plain).put(key, value));
        return targets.save(name, plugin, plain, secret, create, actor);
    }

    public void delete(String name, String actor) {
        targets.delete(name, actor);
    }
}
