package dev.modeldock.host;

import dev.modeldock.plugin.ExportTarget;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.PluginApi;
import dev.modeldock.plugin.PostProcessor;
import dev.modeldock.plugin.Tokenizer;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * The plugins of one plugin folder, started, and their extensions by name.
 *
 * <p>Each plugin gets its own class loader; the plugin API, pf4j, ONNX Runtime and the other native
 * libraries come from the host's, so they load once.
 *
 * <p>Loading refuses, with one line saying what to do, a plugin whose {@code plugin.requires} does not
 * accept this host's {@link PluginApi#VERSION} (or that has none), and two extensions of one kind
 * with the same name, so neither shows up later in the middle of a conversion.
 */
public final class Extensions implements AutoCloseable {

    /** System property naming the plugin folder. */
    public static final String PLUGINS_DIR_PROPERTY = "modeldock.plugins.dir";
    /** Environment variable naming the plugin folder, when the property is not set. */
    public static final String PLUGINS_DIR_ENV = "MODELDOCK_PLUGINS_DIR";

    private final Path folder;
    private final PluginManager plugins;

    private Extensions(Path folder, PluginManager plugins) {
        this.folder = folder;
        this.plugins = plugins;
    }

    /**
     * Loads and starts every plugin in {@code folder}. A plugin made for another plugin API, a plugin
     * that fails to start and two extensions of one kind with the same name are errors; the caller
     * closes what it gets.
     */
    public static Extensions load(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new ModelDockException("plugin folder " + folder + " does not exist; set -D" + PLUGINS_DIR_PROPERTY
                    + " or " + PLUGINS_DIR_ENV + " to the folder holding ModelDock's plugins");
        }
        HostPluginManager plugins = new HostPluginManager(folder.toAbsolutePath());
        try {
            plugins.loadPlugins();
            List<String> refused = new ArrayList<>();
            for (PluginWrapper plugin : sorted(plugins.getPlugins())) {
                String refusal = plugins.refusal(plugin);
                if (refusal != null) {
                    refused.add(refusal);
                }
            }
            if (!refused.isEmpty()) {
                throw new ModelDockException(String.join("; ", refused));
            }
            plugins.startPlugins();
            for (PluginWrapper plugin : plugins.getPlugins()) {
                if (plugin.getPluginState() != PluginState.STARTED) {
                    throw new ModelDockException("plugin " + plugin.getPluginId() + " in " + plugin.getPluginPath()
                            + " did not start (" + plugin.getPluginState() + ")");
                }
            }
            Extensions extensions = new Extensions(folder, plugins);
            extensions.refuseDuplicateNames();
            return extensions;
        } catch (RuntimeException | Error e) {
            try {
                plugins.stopPlugins();
                plugins.unloadPlugins();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * The plugin folder to use: the {@value #PLUGINS_DIR_PROPERTY} property, else the
     * {@value #PLUGINS_DIR_ENV} variable, else {@code plugins/} beside the jar ModelDock runs from.
     */
    public static Path defaultFolder() {
        String configured = System.getProperty(PLUGINS_DIR_PROPERTY, System.getenv(PLUGINS_DIR_ENV));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try {
            Path codeSource = Path.of(Extensions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path base = Files.isDirectory(codeSource) ? codeSource : codeSource.getParent();
            return base.resolve("plugins");
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate ModelDock's own jar", e);
        }
    }

    public Path folder() {
        return folder;
    }

    /** Every tokenizer, in plugin order. */
    public List<Tokenizer> tokenizers() {
        return plugins.getExtensions(Tokenizer.class);
    }

    /** The post-processor called {@code name}, or an error listing the known ones. */
    public PostProcessor postProcessor(String name) {
        return byName(PostProcessor.class, PostProcessor::name, name, "post_processor");
    }

    /** Every post-processor, in plugin order. */
    public List<PostProcessor> postProcessors() {
        return plugins.getExtensions(PostProcessor.class);
    }

    /** The export target called {@code name}, or an error listing the known ones. */
    public ExportTarget exportTarget(String name) {
        return byName(ExportTarget.class, ExportTarget::name, name, "export target");
    }

    /** Every export target, in plugin order. */
    public List<ExportTarget> exportTargets() {
        return plugins.getExtensions(ExportTarget.class);
    }

    /** "plugin-id@version" of the plugin an extension came from, for provenance. */
    public String origin(Object extension) {
        PluginWrapper plugin = plugins.whichPlugin(extension.getClass());
        return plugin == null ? "host" : plugin.getPluginId() + "@" + plugin.getDescriptor().getVersion();
    }

    /** Every plugin with its version and extensions, for listing and checks. */
    public List<PluginInfo> describe() {
        List<PluginInfo> described = new ArrayList<>();
        for (PluginWrapper plugin : plugins.getPlugins()) {
            Map<String, List<String>> extensions = new TreeMap<>();
            collect(extensions, plugin, Tokenizer.class, Tokenizer::name);
            collect(extensions, plugin, PostProcessor.class, PostProcessor::name);
            collect(extensions, plugin, ExportTarget.class, ExportTarget::name);
            described.add(new PluginInfo(plugin.getPluginId(), plugin.getDescriptor().getVersion(),
                    plugin.getPluginState().toString(), extensions));
        }
        described.sort(Comparator.comparing(PluginInfo::id));
        return described;
    }

    @Override
    public void close() {
        plugins.stopPlugins();
        plugins.unloadPlugins();
    }

    /** Two extensions of one kind with one name would make {@link #byName} pick one of them silently. */
    private void refuseDuplicateNames() {
        List<String> duplicates = new ArrayList<>();
        duplicates.addAll(duplicateNames(Tokenizer.class, Tokenizer::name));
        duplicates.addAll(duplicateNames(PostProcessor.class, PostProcessor::name));
        duplicates.addAll(duplicateNames(ExportTarget.class, ExportTarget::name));
        if (!duplicates.isEmpty()) {
            throw new ModelDockException(String.join("; ", duplicates) + "; names must be unique within a kind:"
                    + " remove one of the plugins from " + folder + ", or rename the extension in one of them");
        }
    }

    /** "plugins 'a' and 'b' both provide the PostProcessor 'X', 'Y'", one entry per pair of plugins. */
    private <T> List<String> duplicateNames(Class<T> type, Function<T, String> nameOf) {
        Map<String, String> pluginByName = new TreeMap<>();
        Map<String, List<String>> namesByPair = new LinkedHashMap<>();
        for (PluginWrapper plugin : sorted(plugins.getPlugins())) {
            List<String> names = plugins.getExtensions(type, plugin.getPluginId()).stream().map(nameOf).sorted()
                    .toList();
            for (String name : names) {
                String first = pluginByName.putIfAbsent(name, plugin.getPluginId());
                if (first != null) {
                    String pair = first.equals(plugin.getPluginId())
                            ? "plugin '" + first + "' provides more than one " + type.getSimpleName() + " named"
                            : "plugins '" + first + "' and '" + plugin.getPluginId() + "' both provide the "
                                    + type.getSimpleName();
                    namesByPair.computeIfAbsent(pair, p -> new ArrayList<>()).add("'" + name + "'");
                }
            }
        }
        List<String> duplicates = new ArrayList<>();
        namesByPair.forEach((pair, names) -> duplicates.add(pair + " " + String.join(", ", names)));
        return duplicates;
    }

    private static List<PluginWrapper> sorted(List<PluginWrapper> plugins) {
        return plugins.stream().sorted(Comparator.comparing(PluginWrapper::getPluginId)).toList();
    }

    private <T> T byName(Class<T> type, Function<T, String> nameOf, String name, String kind) {
        List<T> all = plugins.getExtensions(type);
        return all.stream().filter(e -> nameOf.apply(e).equals(name)).findFirst().orElseThrow(() ->
                new ModelDockException("unknown " + kind + " '" + name + "'; available: "
                        + String.join(", ", all.stream().map(nameOf).sorted().toList())));
    }

    private <T> void collect(Map<String, List<String>> into, PluginWrapper plugin, Class<T> type,
            Function<T, String> nameOf) {
        List<T> found = plugins.getExtensions(type, plugin.getPluginId());
        if (!found.isEmpty()) {
            into.put(type.getSimpleName(), found.stream().map(nameOf).sorted().toList());
        }
    }

    /**
     * pf4j's manager with the host's plugin API version as its system version, and the host's rule
     * for {@code plugin.requires}: pf4j on its own logs a plugin that does not fit and disables it,
     * treats a missing {@code plugin.requires} as any version, and throws out of the middle of
     * {@code loadPlugins} on one it cannot parse.
     */
    private static final class HostPluginManager extends DefaultPluginManager {

        HostPluginManager(Path folder) {
            super(folder);
            setSystemVersion(PluginApi.VERSION);
        }

        @Override
        protected boolean isPluginValid(PluginWrapper plugin) {
            return refusal(plugin) == null;
        }

        /** Why {@code plugin} cannot run against this host's plugin API, on one line; null when it can. */
        String refusal(PluginWrapper plugin) {
            String requires = plugin.getDescriptor().getRequires() == null ? ""
                    : plugin.getDescriptor().getRequires().trim();
            String id = plugin.getPluginId();
            if (requires.isEmpty() || requires.equals("*")) {
                // pf4j's descriptor says "*" both when the plugin says so and when it says nothing.
                return "plugin '" + id + "' declares no plugin.requires, so it cannot be checked against this"
                        + " ModelDock's plugin API " + getSystemVersion() + "; give it plugin.requires=^<the plugin"
                        + " API version it was compiled against> (" + PluginApi.REQUIRES + " if that is this one),"
                        + " or remove " + plugin.getPluginPath();
            }
            boolean accepted;
            try {
                accepted = super.isPluginValid(plugin);
            } catch (RuntimeException unparsable) {
                return "plugin '" + id + "' has plugin.requires '" + requires + "', which is not a version range ("
                        + unparsable.getMessage() + "); write one such as " + PluginApi.REQUIRES + ", or remove "
                        + plugin.getPluginPath();
            }
            if (accepted) {
                return null;
            }
            return "plugin '" + id + "' requires plugin API " + requires + " but this ModelDock has plugin API "
                    + getSystemVersion() + "; install a release of the plugin built for plugin API "
                    + getSystemVersion() + ", or a ModelDock whose plugin API satisfies " + requires + ", or remove "
                    + plugin.getPluginPath();
        }
    }
}
