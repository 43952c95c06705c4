package dev.modeldock.host.internal;

import dev.modeldock.host.PluginRefusedException;
import dev.modeldock.plugin.PluginApi;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.pf4j.DefaultVersionManager;
import org.pf4j.PluginDescriptor;
import org.pf4j.PropertiesPluginDescriptorFinder;

/**
 * One plugin's folder as pf4j loads it ({@code plugin.properties}, {@code lib/*.jar}, perhaps
 * {@code classes/}), checked before any of its code is loaded: where its root is, its descriptor
 * (id, version, the plugin API it requires) and its extension index.
 */
public final class PluginFolder {
    /** Ids name plugins in URLs, folders and provenance: lowercase, no spaces, no path separators. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final String PROPERTIES = "plugin.properties";
    private static final String INDEX = "META-INF/extensions.idx";

    private PluginFolder() {
    }

    /**
     * The folder holding {@code plugin.properties}: {@code folder} itself, or its one top folder (the
     * {@code <id>/plugin.properties} layout of the built-in plugins' zips).
     */
    public static Path root(Path folder, String what) throws IOException {
        if (Files.isRegularFile(folder.resolve(PROPERTIES))) {
            return folder;
        }
        try (Stream<Path> children = Files.list(folder)) {
            List<Path> folders = children.filter(Files::isDirectory)
                    .filter(child -> !child.getFileName().toString().startsWith(".")).toList();
            if (folders.size() == 1 && Files.isRegularFile(folders.get(0).resolve(PROPERTIES))) {
                return folders.get(0);
            }
        }
        throw new PluginRefusedException(what + " has no plugin.properties, neither at its root nor in one top"
                + " folder; a plugin is a folder (or its zip) holding plugin.properties and lib/*.jar");
    }

    /** The descriptor, checked for an id and a version ({@link #requiresRefusal} checks the API range). */
    public static PluginDescriptor descriptor(Path root, String what) {
        PluginDescriptor descriptor;
        try {
            descriptor = new PropertiesPluginDescriptorFinder().find(root);
        } catch (RuntimeException e) {
            throw new PluginRefusedException(what + " has a plugin.properties pf4j cannot read (" + e.getMessage()
                    + "); see README's \"Writing a plugin\" for its keys");
        }
        String id = descriptor.getPluginId();
        if (id == null || !ID.matcher(id).matches()) {
            throw new PluginRefusedException(what + " has plugin.id '" + id + "'; an id is lowercase letters,"
                    + " digits, '.', '_' and '-', starting with a letter or digit");
        }
        if (descriptor.getVersion() == null || descriptor.getVersion().isBlank()) {
            throw new PluginRefusedException("plugin '" + id + "' (" + what + ") has no plugin.version; give it"
                    + " one such as 1.0.0");
        }
        return descriptor;
    }

    /**
     * Why {@code requires} does not fit this host's plugin API, on one line; null when it does. pf4j
     * on its own treats a missing {@code plugin.requires} as any version ("*") and an exact version as
     * that version or later; the host keeps the latter and refuses the former, which it cannot check.
     */
    public static String requiresRefusal(String id, String requires, String what) {
        String range = requires == null ? "" : requires.trim();
        if (range.isEmpty() || range.equals("*")) {
            return "plugin '" + id + "' declares no plugin.requires, so it cannot be checked against this"
                    + " ModelDock's plugin API " + PluginApi.VERSION + "; give it plugin.requires=^<the plugin API"
                    + " version it was compiled against> (" + PluginApi.REQUIRES + " if that is this one), or remove "
                    + what;
        }
        String constraint = range.matches("^\\d+\\.\\d+\\.\\d+$") ? ">=" + range : range;
        boolean accepted;
        try {
            accepted = new DefaultVersionManager().checkVersionConstraint(PluginApi.VERSION, constraint);
        } catch (RuntimeException unparsable) {
            return "plugin '" + id + "' has plugin.requires '" + range + "', which is not a version range ("
                    + unparsable.getMessage() + "); write one such as " + PluginApi.REQUIRES + ", or remove " + what;
        }
        return accepted ? null : "plugin '" + id + "' requires plugin API " + range + " but this ModelDock has"
                + " plugin API " + PluginApi.VERSION + "; install a release of the plugin built for plugin API "
                + PluginApi.VERSION + ", or a ModelDock whose plugin API satisfies " + range + ", or remove " + what;
    }

    /**
     * Refuses a plugin none of whose jars (nor {@code classes/}) has a non-empty
     * {@code META-INF/extensions.idx}: pf4j would load it and find no extension.
     */
    public static void requireExtensionIndex(Path root, String id) throws IOException {
        if (indexed(root.resolve("classes").resolve(INDEX))) {
            return;
        }
        Path lib = root.resolve("lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> jars = Files.list(lib)) {
                for (Path jar : (Iterable<Path>) jars.filter(p -> p.toString().endsWith(".jar"))::iterator) {
                    if (jarIndexed(jar)) {
                        return;
                    }
                }
            }
        }
        throw new PluginRefusedException("plugin '" + id + "' has no extension index (" + INDEX + " in lib/*.jar):"
                + " pf4j would find none of its extensions; build it with pf4j's annotation processor"
                + " (org.pf4j:pf4j on the compiler's annotation processor path) and @Extension on each class");
    }

    private static boolean indexed(Path index) throws IOException {
        return Files.isRegularFile(index) && hasEntries(Files.readString(index, StandardCharsets.UTF_8));
    }

    private static boolean jarIndexed(Path jar) {
        try (ZipFile file = new ZipFile(jar.toFile())) {
            ZipEntry index = file.getEntry(INDEX);
            if (index == null) {
                return false;
            }
            try (InputStream in = file.getInputStream(index)) {
                return hasEntries(new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return false; // not a jar: pf4j would not read it either
        }
    }

    /** An index names classes, one a line; '#' starts pf4j's comment line. */
    private static boolean hasEntries(String index) {
        return index.lines().map(String::strip).anyMatch(line -> !line.isEmpty() && !line.startsWith("#"));
    }
}
