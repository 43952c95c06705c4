package dev.modeldock.host.internal;

import dev.modeldock.host.PluginInfo;
import dev.modeldock.host.PluginRefusedException;
import dev.modeldock.host.ZipLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.pf4j.PluginDescriptor;

/**
 * A plugin found in a plugin folder, before any of its code is loaded: its root and checked
 * descriptor, or why it cannot even be read.
 *
 * @param source  the folder or zip as found
 * @param root    the folder holding {@code plugin.properties}; null when refused
 * @param refusal why it cannot be loaded; null when it can be tried
 */
public record Candidate(Path source, boolean builtIn, Path root, PluginDescriptor descriptor, String refusal) {

    /** The plugin folder or zip {@code source}; a zip is unpacked (safely) into {@code unpacked}. */
    public static Candidate of(Path source, boolean builtIn, ZipCache unpacked) {
        String what = (source.toString().endsWith(".zip") ? "plugin zip " : "plugin folder ") + source;
        try {
            Path folder = source.toString().endsWith(".zip") ? unpacked.unpack(source, ZipLimits.DEFAULT, what)
                    : source;
            Path root = PluginFolder.root(folder, what);
            PluginDescriptor descriptor = PluginFolder.descriptor(root, what);
            // Refused but listed with its version: which release does not fit is what the user needs to know.
            String refusal = PluginFolder.requiresRefusal(descriptor.getPluginId(), descriptor.getRequires(), what);
            return new Candidate(source, builtIn, refusal == null ? root : null, descriptor, refusal);
        } catch (PluginRefusedException e) {
            return new Candidate(source, builtIn, null, null, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new Candidate(source, builtIn, null, null, "cannot read " + what + ": " + e);
        }
    }

    /** The id, or the folder or zip name when there is no readable descriptor. */
    public String id() {
        return descriptor != null ? descriptor.getPluginId() : source.getFileName().toString();
    }

    /** The plugin as listed, before it is started. */
    public PluginInfo info(PluginInfo.State state, String reason) {
        if (descriptor == null) {
            return new PluginInfo(id(), null, null, null, null, source.toString(), state, reason, Map.of(), builtIn);
        }
        return new PluginInfo(descriptor.getPluginId(), descriptor.getVersion(), blankToNull(descriptor.getProvider()),
                blankToNull(descriptor.getRequires()), blankToNull(descriptor.getPluginDescription()),
                source.toString(), state, reason, Map.of(), builtIn);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
