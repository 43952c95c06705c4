package dev.modeldock.testkit.plugin;

import dev.modeldock.plugin.ExportTarget;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Setting;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The contract every {@link ExportTarget} must honour about its settings declaration: a registry
 * server builds forms from {@link ExportTarget#settings()} and refuses target profiles by it, so a
 * declaration that disagrees with what {@code check} and {@code export} read leaves users with
 * profiles that are accepted and then fail, or refused though they would work.
 *
 * <pre>{@code
 * @Test
 * void honoursTheSettingsContract() {
 *     ExportTargetContract.assertDeclarationMatchesCheck(new MyTarget(), "model_name", Map.of("bucket", "models"));
 * }
 * }</pre>
 *
 * <p>What it checks: the declaration names each setting once; the example settings are all declared
 * and of their declared types, as a server would check them, and {@code check} accepts them; and
 * {@code check} refuses the example without any one of the required settings, naming it. What it
 * cannot check: that optional settings are read as described.
 */
public final class ExportTargetContract {
    private ExportTargetContract() {
    }

    /**
     * @param name     an export name the target takes
     * @param settings a working set of settings, holding at least every required one; nothing is
     *                 written or connected to, only {@code check} is called
     */
    public static void assertDeclarationMatchesCheck(ExportTarget target, String name, Map<String, String> settings) {
        String subject = "export target '" + target.name() + "'";
        List<Setting> declared = target.settings();
        if (declared == null) {
            throw new AssertionError(subject + " declares its settings as null; declare List.of() for none");
        }
        Map<String, Setting> byName = new HashMap<>();
        for (Setting setting : declared) {
            if (byName.put(setting.name(), setting) != null) {
                throw new AssertionError(subject + " declares the setting '" + setting.name() + "' twice");
            }
        }
        settings.forEach((key, value) -> {
            Setting setting = byName.get(key);
            if (setting == null) {
                throw new AssertionError(subject + ": the example's setting '" + key + "' is not declared; a server"
                        + " would refuse it (declared: " + byName.keySet() + ")");
            }
            if (!setting.type().accepts(value)) {
                throw new AssertionError(subject + ": the example's '" + key + "' is '" + value + "', not of type "
                        + setting.type().id());
            }
        });
        try {
            target.check(name, settings);
        } catch (ModelDockException e) {
            throw new AssertionError(subject + " refuses the example settings " + settings.keySet() + ": "
                    + e.getMessage(), e);
        }
        Set<String> required = new HashSet<>();
        declared.stream().filter(Setting::required).forEach(setting -> required.add(setting.name()));
        for (String missing : required) {
            if (!settings.containsKey(missing)) {
                throw new AssertionError(subject + ": the example leaves out the required setting '" + missing + "'");
            }
            Map<String, String> without = new HashMap<>(settings);
            without.remove(missing);
            try {
                target.check(name, without);
            } catch (ModelDockException e) {
                if (!e.getMessage().contains(missing)) {
                    throw new AssertionError(subject + " refuses settings without '" + missing + "' without naming it: "
                            + e.getMessage(), e);
                }
                continue;
            }
            throw new AssertionError(subject + " declares '" + missing + "' required, but check accepts settings"
                    + " without it");
        }
    }
}
