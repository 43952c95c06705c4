package dev.modeldock.service;

import dev.modeldock.artifact.Artifact;
import dev.modeldock.host.Extensions;
import dev.modeldock.host.PluginInfo;
import dev.modeldock.host.PluginZip;
import dev.modeldock.host.ZipLimits;
import dev.modeldock.registry.ConflictException;
import dev.modeldock.registry.NotFoundException;
import dev.modeldock.registry.OwnerOnlyFile;
import dev.modeldock.registry.Registry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;

/**
 * The server's plugins: the built-in ones, those of the extra folders, and those an admin uploaded
 * into {@code <data-dir>/plugins}, loaded in that order into one running set that every service
 * uses and that conversion children load alike ({@link Extensions#sources()}). An admin installs,
 * disables, enables and removes plugins while the server runs; changes are serialized, checked before
 * they touch the running plugins, audited, and kept across restarts (the uploaded folders, and the
 * disabled list in {@code disabled.txt}). Conversions run in child processes that load the plugins
 * as they were when the job started, so a change never breaks one under way; an in-process export
 * using a plugin disabled meanwhile fails with a message naming the plugin.
 */
public final class PluginService implements AutoCloseable {
    private final Extensions extensions;
    private final Path folder;
    private final Path staging;
    private final Path spool;
    private final ZipLimits limits;
    private final DisabledPlugins disabled;
    private final Registry registry;

    private PluginService(Extensions extensions, Path folder, Path spool, ZipLimits limits, DisabledPlugins disabled,
            Registry registry) {
        this.extensions = extensions;
        this.folder = folder;
        this.staging = folder.resolve(".staging");
        this.spool = spool;
        this.limits = limits;
        this.disabled = disabled;
        this.registry = registry;
    }

    /**
     * Loads the plugins of {@code base}'s folders and the server's own folder, none of the disabled
     * ones; clears what an install interrupted by a crash left in the staging folder.
     */
    static PluginService open(Extensions base, Path dataDir, Path spool, ZipLimits limits, Registry registry)
            throws IOException {
        Path folder = OwnerOnlyFile.folder(dataDir.resolve("plugins"));
        Artifact.deleteStaging(folder.resolve(".staging"));
        DisabledPlugins disabled = new DisabledPlugins(folder.resolve("disabled.txt"));
        Extensions extensions = Extensions.load(base.sources().withFolder(folder).disabling(disabled.read()));
        return new PluginService(extensions, folder, spool, limits, disabled, registry);
    }

    /** The running plugins, for the services that use their extensions. */
    Extensions extensions() {
        return extensions;
    }

    /** Every plugin, started, failed (with its reason) or disabled, by id. */
    public List<InstalledPlugin> list() {
        return extensions.describe().stream().map(this::view).toList();
    }

    /** The plugin {@code id}. */
    public InstalledPlugin get(String id) {
        return view(known(id));
    }

    /** One line per plugin that failed to load: what the server warns about at start. */
    public List<String> failures() {
        return extensions.failures();
    }

    /**
     * Installs the plugin zip {@code zip} (an upload of a plugin installed before replaces it) and
     * starts it, without a restart. Everything is checked before the running plugins are touched: the
     * zip's size, entries and paths ({@link PluginZip}), its descriptor, extension index and API
     * version, and that it starts and makes its extensions, tried in a pf4j manager of its own.
     *
     * @throws PluginRefusedException why it was refused ({@link PluginRefusedException#tooLarge()} over a limit)
     * @throws ConflictException      for the id of a built-in plugin or one from an extra folder
     */
    public synchronized InstalledPlugin install(InputStream zip, String actor) throws IOException {
        try {
            return view(installChecked(zip, actor));
        } catch (dev.modeldock.host.PluginRefusedException refused) {
            throw PluginRefusedException.of(refused);
        }
    }

    private PluginInfo installChecked(InputStream zip, String actor) throws IOException {
        Path upload = spool(zip);
        Path unpacked = staging.resolve(UUID.randomUUID().toString());
        try {
            PluginZip.unpack(upload, unpacked, limits, "the uploaded plugin zip");
            Path root = Extensions.pluginRoot(unpacked);
            PluginInfo read = extensions.read(root);
            PluginInfo existing = extensions.plugin(read.id()).orElse(null);
            if (existing != null) {
                refuseReplacing(existing);
            }
            extensions.tryOut(root, existing == null ? null : existing.id());
            PluginInfo installed = replace(read.id(), root, existing != null);
            disabled.remove(read.id());
            registry.recordAudit(actor, existing == null ? "plugin.install" : "plugin.upgrade", read.id(),
                    existing == null ? read.version() : existing.version() + " -> " + read.version());
            return installed;
        } finally {
            Artifact.deleteStaging(unpacked);
            Files.deleteIfExists(upload);
        }
    }

    /** Stops the plugin {@code id}, built-in or not; it stays disabled across restarts until enabled. */
    public synchronized InstalledPlugin disable(String id, String actor) {
        known(id);
        PluginInfo stopped = extensions.disable(id);
        disabled.add(id);
        registry.recordAudit(actor, "plugin.disable", id, stopped.version());
        return view(stopped);
    }

    /**
     * Starts the plugin {@code id} again.
     *
     * @throws PluginRefusedException when it does not start; it stays as it was
     */
    public synchronized InstalledPlugin enable(String id, String actor) {
        known(id);
        PluginInfo started;
        try {
            started = extensions.enable(id);
        } catch (dev.modeldock.host.PluginRefusedException refused) {
            throw PluginRefusedException.of(refused);
        }
        disabled.remove(id);
        registry.recordAudit(actor, "plugin.enable", id, started.version());
        return view(started);
    }

    /**
     * Stops an uploaded plugin and deletes it. A built-in plugin, one from an extra folder, and one
     * that a stored version's provenance names are refused (409): disable those instead, which keeps
     * the versions' provenance pointing at a plugin the server still lists.
     */
    public synchronized void remove(String id, String actor) {
        PluginInfo plugin = known(id);
        refuseReplacing(plugin);
        List<String> naming = registry.versions().namingPlugin(id);
        if (!naming.isEmpty()) {
            throw new ConflictException("plugin '" + id + "' is named in the provenance of " + String.join(", ",
                    naming.subList(0, Math.min(naming.size(), 10))) + (naming.size() > 10 ? " and "
                    + (naming.size() - 10) + " more" : "") + "; disable it instead (POST /api/v1/plugins/" + id
                    + "/disable), so that those versions' provenance names a plugin the server still lists");
        }
        extensions.remove(id);
        Artifact.deleteStaging(folder.resolve(id));
        disabled.remove(id);
        registry.recordAudit(actor, "plugin.remove", id, plugin.version());
    }

    @Override
    public void close() {
        extensions.close();
    }

    private PluginInfo known(String id) {
        return extensions.plugin(id).orElseThrow(() -> new NotFoundException("no plugin '" + id + "'; GET"
                + " /api/v1/plugins lists the installed ones"));
    }

    private InstalledPlugin view(PluginInfo plugin) {
        return InstalledPlugin.of(plugin, uploaded(plugin));
    }

    private boolean uploaded(PluginInfo plugin) {
        return !plugin.builtIn() && Path.of(plugin.source()).startsWith(folder);
    }

    /** Only plugins uploaded to this server can be replaced or removed through it. */
    private void refuseReplacing(PluginInfo plugin) {
        if (plugin.builtIn()) {
            throw new ConflictException("plugin '" + plugin.id() + "' is built into ModelDock; it cannot be replaced"
                    + " or removed through the server: disable it instead (POST /api/v1/plugins/" + plugin.id()
                    + "/disable)");
        }
        if (!uploaded(plugin)) {
            throw new ConflictException("plugin '" + plugin.id() + "' comes from the plugin folder "
                    + Path.of(plugin.source()).getParent() + ", not from an upload: change it there, or disable it"
                    + " (POST /api/v1/plugins/" + plugin.id() + "/disable)");
        }
    }

    /**
     * Moves the checked plugin into {@code <data-dir>/plugins/<id>} (the one it upgrades aside first)
     * and starts it; if it does not start there after all, the old one comes back.
     */
    private PluginInfo replace(String id, Path root, boolean upgrade) throws IOException {
        Path target = folder.resolve(id);
        Path old = staging.resolve("old-" + UUID.randomUUID());
        if (upgrade) {
            extensions.remove(id);
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(root, target, StandardCopyOption.ATOMIC_MOVE);
        try {
            return extensions.add(target);
        } catch (RuntimeException e) {
            Artifact.deleteStaging(target);
            if (upgrade) {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                extensions.add(target);
            }
            throw e;
        } finally {
            Artifact.deleteStaging(old);
        }
    }

    /** The upload in a scratch file, refused as soon as it passes the size limit. */
    private Path spool(InputStream zip) throws IOException {
        Path file = OwnerOnlyFile.folder(spool).resolve("plugin-" + UUID.randomUUID() + ".zip");
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n = zip.read(buffer); n > 0; n = zip.read(buffer)) {
                total += n;
                if (total > limits.maxZipBytes()) {
                    throw new PluginRefusedException("the plugin zip is larger than the " + limits.maxZipBytes()
                            + " bytes this server accepts (plugins.maxZipBytes)", true);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return file;
    }
}
