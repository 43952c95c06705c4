package dev.modeldock.host;

import dev.modeldock.plugin.ExportTarget;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.PostProcessor;
import dev.modeldock.plugin.Tokenizer;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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

    /** Loads and starts every plugin in {@code folder}; a plugin that fails to start is an error. */
    public static Extensions load(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new ModelDockException("plugin folder " + folder + " does not exist; set -D" + PLUGINS_DIR_PROPERTY
                    + " or " + PLUGINS_DIR_ENV + " to the folder holding ModelDock's plugins");
        }
        PluginManager plugins = new DefaultPluginManager(folder.toAbsolutePath());
        plugins.loadPlugins();
        plugins.startPlugins();
        for (PluginWrapper plugin : plugins.getPlugins()) {
            if (plugin.getPluginState() != PluginState.STARTED) {
                throw new ModelDockException("plugin " + plugin.getPluginId() + " in " + plugin.getPluginPath()
                        + " did not start (" + plugin.getPluginState() + ")");
            }
        }
        return new Extensions(folder, plugins);
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

    /** The export target called {@code name}, or an error listing the known ones. */
    public ExportTarget exportTarget(String name) {
        return byName(ExportTarget.class, ExportTarget::name, name, "export target");
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
}
