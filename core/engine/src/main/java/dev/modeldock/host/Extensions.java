package dev.modeldock.host;

import dev.modeldock.host.internal.Candidate;
import dev.modeldock.host.internal.ExtensionKind;
import dev.modeldock.host.internal.GuardedExtension;
import dev.modeldock.host.internal.PluginFolder;
import dev.modeldock.host.internal.PluginSet;
import dev.modeldock.host.internal.StartedPlugin;
import dev.modeldock.host.internal.ZipCache;
import dev.modeldock.plugin.ExportTarget;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.PostProcessor;
import dev.modeldock.plugin.Tokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The plugins of a host, from the folders {@link PluginSources} names, and their extensions by name.
 *
 * <p>Each plugin gets its own class loader; the plugin API, pf4j, ONNX Runtime and the other native
 * libraries come from the host's, so they load once. A plugin is a folder, or its zip, holding
 * {@code plugin.properties} and {@code lib/*.jar}, at its root or in one top folder.
 *
 * <p>Loading is tolerant: each plugin ends {@link PluginInfo.State#STARTED STARTED},
 * {@link PluginInfo.State#FAILED FAILED} with a one-line reason (a {@code plugin.requires} this
 * host's plugin API does not satisfy, no extension index, no extension, a constructor that throws,
 * an extension name another plugin has), or {@link PluginInfo.State#DISABLED DISABLED}, and one bad
 * plugin never stops the others. The extensions handed out are guarded: whatever a plugin throws
 * while the host calls it becomes a {@link ModelDockException} naming the plugin, the extension and
 * the method. A host may add, disable, enable and remove plugins while it runs (a server's admin
 * does); lookups see the plugins started at the moment they are made.
 */
public final class Extensions implements AutoCloseable {
    private final PluginSources sources;
    private final PluginSet plugins;
    private final ZipCache zips;

    private Extensions(PluginSources sources, PluginSet plugins, ZipCache zips) {
        this.sources = sources;
        this.plugins = plugins;
        this.zips = zips;
    }

    /** The plugins the system properties and environment name ({@link PluginSources#fromSystem()}). */
    public static Extensions load() {
        return load(PluginSources.fromSystem());
    }

    /** The plugins of one folder, as built-ins. */
    public static Extensions load(Path folder) {
        return load(PluginSources.of(folder));
    }

    /**
     * Loads the plugins of every folder of {@code sources} and starts those not disabled; the caller
     * closes what it gets. A folder that does not exist is an error (a mistyped setting); a plugin
     * that does not start is listed as FAILED ({@link #failures()}).
     */
    public static Extensions load(PluginSources sources) {
        ZipCache zips = ZipCache.inUserCache();
        List<Candidate> candidates = new ArrayList<>();
        for (Path folder : sources.folders()) {
            candidates.addAll(candidates(folder, folder.equals(sources.builtIn()), zips));
        }
        PluginSet plugins = new PluginSet(sources.builtIn(), sources.disabled());
        plugins.load(candidates);
        return new Extensions(sources, plugins, zips);
    }

    /** The built-in plugin folder: {@code plugins/} beside the jar, or what {@link PluginSources#BUILTIN_DIR_PROPERTY} says. */
    public static Path defaultFolder() {
        return PluginSources.fromSystem().builtIn();
    }

    /** The folders loaded, and the plugins disabled now: what a child process must load to see the same. */
    public PluginSources sources() {
        return new PluginSources(sources.builtIn(), sources.extra(), plugins.disabled());
    }

    /** Every tokenizer, in plugin order. */
    public List<Tokenizer> tokenizers() {
        return all(ExtensionKind.TOKENIZER);
    }

    /** The post-processor called {@code name}, or an error listing the known ones. */
    public PostProcessor postProcessor(String name) {
        return byName(ExtensionKind.POST_PROCESSOR, name, "post_processor");
    }

    /** Every post-processor, in plugin order. */
    public List<PostProcessor> postProcessors() {
        return all(ExtensionKind.POST_PROCESSOR);
    }

    /** The export target called {@code name}, or an error listing the known ones. */
    public ExportTarget exportTarget(String name) {
        return byName(ExtensionKind.EXPORT_TARGET, name, "export target");
    }

    /** Every export target, in plugin order. */
    public List<ExportTarget> exportTargets() {
        return all(ExtensionKind.EXPORT_TARGET);
    }

    /** "plugin-id@version" of the plugin an extension came from, for provenance; "host" for any other object. */
    public String origin(Object extension) {
        String plugin = GuardedExtension.pluginOf(extension);
        return plugin == null ? "host" : plugin;
    }

    /** Every plugin, started or not, by id. */
    public List<PluginInfo> describe() {
        return plugins.describe();
    }

    /** One line per plugin that is FAILED, naming it and why: what a command warns about. */
    public List<String> failures() {
        return describe().stream().filter(p -> p.state() == PluginInfo.State.FAILED).map(PluginInfo::reason)
                .toList();
    }

    /** The plugin {@code id}, if known. */
    public Optional<PluginInfo> plugin(String id) {
        return plugins.plugin(id);
    }

    /**
     * The plugin in {@code folder} (its root, or a folder with it as the one top folder) as its
     * descriptor describes it, read and checked without loading any of its code.
     *
     * @return its info, state {@link PluginInfo.State#DISABLED} (not started)
     * @throws PluginRefusedException when there is no plugin.properties, or it is not valid
     */
    public PluginInfo read(Path folder) {
        Candidate candidate = Candidate.of(folder, false, zips);
        if (candidate.refusal() != null) {
            throw new PluginRefusedException(candidate.refusal());
        }
        return candidate.info(PluginInfo.State.DISABLED, null);
    }

    /** The folder holding {@code plugin.properties}: {@code folder}, or its one top folder. */
    public static Path pluginRoot(Path folder) throws IOException {
        return PluginFolder.root(folder, "plugin folder " + folder);
    }

    /**
     * Checks that the plugin in {@code folder} (its root, or a folder with it as the one top folder)
     * would start beside the running plugins, in a pf4j manager of its own that is closed again:
     * nothing running is touched.
     *
     * @param replacing the id of a running plugin it would replace (its extension names may repeat), or null
     * @throws PluginRefusedException the reason it would not start
     */
    public PluginInfo tryOut(Path folder, String replacing) {
        return plugins.tryOut(Candidate.of(folder, false, zips), replacing);
    }

    /**
     * Starts the plugin in {@code folder} beside the running ones (not a built-in).
     *
     * @throws PluginRefusedException the reason it did not start; nothing is left loaded
     */
    public PluginInfo add(Path folder) {
        return plugins.add(Candidate.of(folder, false, zips));
    }

    /** Stops the known plugin {@code id}; it is listed as disabled and its extensions are no longer handed out. */
    public PluginInfo disable(String id) {
        return plugins.disable(id);
    }

    /**
     * Starts the known plugin {@code id} again.
     *
     * @throws PluginRefusedException the reason it does not start; it stays as it was
     */
    public PluginInfo enable(String id) {
        return plugins.enable(id);
    }

    /** Stops the known plugin {@code id} and forgets it; its files are the caller's. */
    public void remove(String id) {
        plugins.remove(id);
    }

    @Override
    public void close() {
        plugins.close();
    }

    private <T> List<T> all(ExtensionKind<T> kind) {
        List<T> all = new ArrayList<>();
        for (StartedPlugin plugin : plugins.started()) {
            all.addAll(plugin.extensions(kind));
        }
        return all;
    }

    private <T> T byName(ExtensionKind<T> kind, String name, String what) {
        List<T> all = all(kind);
        return all.stream().filter(e -> kind.nameOf(e).equals(name)).findFirst().orElseThrow(() ->
                new ModelDockException("unknown " + what + " '" + name + "'; available: "
                        + String.join(", ", all.stream().map(kind::nameOf).sorted().toList())));
    }

    /** The plugin folders and zips directly in {@code folder}; hidden entries are the host's (".unpacked", ".staging"). */
    private static List<Candidate> candidates(Path folder, boolean builtIn, ZipCache zips) {
        if (!Files.isDirectory(folder)) {
            throw new ModelDockException("plugin folder " + folder + " does not exist; check -D"
                    + (builtIn ? PluginSources.BUILTIN_DIR_PROPERTY : PluginSources.EXTRA_DIRS_PROPERTY + " or "
                    + PluginSources.EXTRA_DIRS_ENV) + (builtIn ? ", or run ModelDock from its jar with plugins/"
                    + " beside it" : ""));
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(entry -> !entry.getFileName().toString().startsWith("."))
                    .filter(entry -> Files.isDirectory(entry) || entry.getFileName().toString().endsWith(".zip"))
                    .sorted().map(entry -> Candidate.of(entry, builtIn, zips)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the plugin folder " + folder, e);
        }
    }
}
