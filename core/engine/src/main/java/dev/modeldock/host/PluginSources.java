package dev.modeldock.host;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where plugins come from and which are switched off: the built-in folder ({@code plugins/} beside
 * ModelDock's jar), extra folders that add to it, and the ids disabled by choice. A child process is
 * given the same by {@link #systemProperties()}, so it sees exactly the plugins its parent lists.
 *
 * @param builtIn  the plugins that come with ModelDock
 * @param extra    further folders, loaded after the built-ins, in order
 * @param disabled plugin ids not to start
 */
public record PluginSources(Path builtIn, List<Path> extra, Set<String> disabled) {
    /** Overrides the built-in folder: tests and builds point it at the plugins the build unpacked. */
    public static final String BUILTIN_DIR_PROPERTY = "modeldock.builtin.plugins.dir";
    /** Extra plugin folders, a path-separator list, adding to the built-ins. */
    public static final String EXTRA_DIRS_PROPERTY = "modeldock.plugins.dir";
    /** {@link #EXTRA_DIRS_PROPERTY} from the environment, when the property is not set. */
    public static final String EXTRA_DIRS_ENV = "MODELDOCK_PLUGINS_DIR";
    /** Plugin ids not to start, comma-separated. */
    public static final String DISABLED_PROPERTY = "modeldock.plugins.disabled";
    /** {@link #DISABLED_PROPERTY} from the environment, when the property is not set. */
    public static final String DISABLED_ENV = "MODELDOCK_PLUGINS_DISABLED";

    public PluginSources {
        extra = List.copyOf(extra);
        disabled = Set.copyOf(new TreeSet<>(disabled));
    }

    /** Just the plugins of {@code folder}, as built-ins, none disabled. */
    public static PluginSources of(Path folder) {
        return new PluginSources(folder, List.of(), Set.of());
    }

    /** What the system properties, else the environment, say; the built-ins beside the jar by default. */
    public static PluginSources fromSystem() {
        String builtIn = System.getProperty(BUILTIN_DIR_PROPERTY);
        List<Path> extra = new ArrayList<>();
        for (String folder : configured(EXTRA_DIRS_PROPERTY, EXTRA_DIRS_ENV).split(java.io.File.pathSeparator)) {
            if (!folder.isBlank()) {
                extra.add(Path.of(folder.strip()));
            }
        }
        Set<String> disabled = new TreeSet<>();
        Arrays.stream(configured(DISABLED_PROPERTY, DISABLED_ENV).split(",")).map(String::strip)
                .filter(id -> !id.isEmpty()).forEach(disabled::add);
        return new PluginSources(builtIn == null || builtIn.isBlank() ? besideJar() : Path.of(builtIn), extra,
                disabled);
    }

    /** These sources with {@code folder} as the last extra folder. */
    public PluginSources withFolder(Path folder) {
        List<Path> folders = new ArrayList<>(extra);
        folders.add(folder);
        return new PluginSources(builtIn, folders, disabled);
    }

    /** These sources with {@code ids} disabled too. */
    public PluginSources disabling(Collection<String> ids) {
        Set<String> all = new TreeSet<>(disabled);
        all.addAll(ids);
        return new PluginSources(builtIn, extra, all);
    }

    /** The built-in folder first, then the extra ones. */
    public List<Path> folders() {
        List<Path> folders = new ArrayList<>();
        folders.add(builtIn);
        folders.addAll(extra);
        return folders;
    }

    /** {@code -D} options that give a child JVM these sources, whatever its environment says. */
    public List<String> systemProperties() {
        return List.of("-D" + BUILTIN_DIR_PROPERTY + "=" + builtIn.toAbsolutePath(),
                "-D" + EXTRA_DIRS_PROPERTY + "=" + String.join(java.io.File.pathSeparator,
                        extra.stream().map(p -> p.toAbsolutePath().toString()).toList()),
                "-D" + DISABLED_PROPERTY + "=" + String.join(",", new TreeSet<>(disabled)));
    }

    private static String configured(String property, String env) {
        String value = System.getProperty(property, System.getenv(env));
        return value == null ? "" : value;
    }

    /** {@code plugins/} beside the jar ModelDock runs from (or its classes folder, in a build). */
    private static Path besideJar() {
        try {
            Path codeSource = Path.of(PluginSources.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path base = Files.isDirectory(codeSource) ? codeSource : codeSource.getParent();
            return base.resolve("plugins");
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate ModelDock's own jar", e);
        }
    }
}
