package dev.modeldock.service;

import dev.modeldock.plugin.ExportTarget;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Setting;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A target profile's settings held against what its export target plugin declares
 * ({@link ExportTarget#settings()}): checked when the profile is saved, so that a profile that could
 * never work is refused then rather than at its first deployment, and handed to the target with
 * every path setting resolved inside the {@link TargetFolder}.
 */
final class TargetSettings {
    private final TargetFolder folder;

    TargetSettings(TargetFolder folder) {
        this.folder = folder;
    }

    /**
     * Refuses, naming the setting, one the target does not declare, a required one missing, a value
     * not of its declared type and a path leaving the folder for target files.
     *
     * @param settings the settings given; no value is null
     * @param kept     secret settings a replaced profile keeps although not given again
     */
    void check(ExportTarget target, Map<String, String> settings, Set<String> kept) {
        Map<String, Setting> declared = declared(target);
        for (Map.Entry<String, String> entry : settings.entrySet()) {
            Setting setting = declared.get(entry.getKey());
            if (setting == null) {
                throw new ModelDockException("setting '" + entry.getKey() + "' is not one the '" + target.name()
                        + "' target takes; " + known(declared));
            }
            if (!setting.type().accepts(entry.getValue())) {
                throw new ModelDockException("setting '" + setting.name() + "' must be " + (setting.type()
                        == Setting.Type.BOOLEAN ? "true or false" : "a whole number") + ", not '" + entry.getValue()
                        + "'");
            }
            if (setting.type() == Setting.Type.PATH) {
                folder.resolve(setting.name(), entry.getValue());
            }
        }
        for (Setting setting : declared.values()) {
            if (setting.required() && !settings.containsKey(setting.name()) && !kept.contains(setting.name())) {
                throw new ModelDockException("setting '" + setting.name() + "' is required by the '" + target.name()
                        + "' target: " + setting.description());
            }
        }
    }

    /** The stored settings as the target receives them: path settings as absolute paths inside the folder. */
    Map<String, String> forExport(ExportTarget target, Map<String, String> stored) {
        Map<String, Setting> declared = declared(target);
        Map<String, String> settings = new HashMap<>(stored);
        stored.forEach((key, value) -> {
            Setting setting = declared.get(key);
            if (setting != null && setting.type() == Setting.Type.PATH) {
                settings.put(key, folder.resolve(key, value).toString());
            }
        });
        return settings;
    }

    private static Map<String, Setting> declared(ExportTarget target) {
        Map<String, Setting> declared = new LinkedHashMap<>();
        target.settings().forEach(setting -> declared.put(setting.name(), setting));
        return declared;
    }

    private static String known(Map<String, Setting> declared) {
        return declared.isEmpty() ? "it takes none" : "it takes: " + declared.values().stream()
                .map(s -> s.name() + (s.required() ? " (required)" : "")).collect(Collectors.joining(", "));
    }
}
