package dev.modeldock.provenance;

import dev.modeldock.plugin.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where an artifact came from: the source model and the SHA-256 of each of its files, the
 * configuration, the plugins and the tool version that built it.
 *
 * @param source      the model as the user named it (hub id or folder)
 * @param sourceFiles SHA-256 of every file of the source folder, by relative path
 * @param plugins     "plugin-id@version" of every extension used, by its role; kept sorted by role, so
 *                    that the metadata written from it does not depend on the order of the map given
 * @param tool        "ModelDock VERSION"
 */
public record Provenance(String source, SortedMap<String, String> sourceFiles, Map<String, String> plugins,
        String tool) {

    public Provenance {
        plugins = Collections.unmodifiableSortedMap(new TreeMap<>(plugins));
    }

    /** The tool's version as the jar manifest gives it, or "development" outside a jar. */
    public static String toolVersion() {
        String version = Provenance.class.getPackage().getImplementationVersion();
        return "ModelDock " + (version == null ? "development" : version);
    }

    /** Hashes each of {@code relativePaths} below {@code folder}. */
    public static SortedMap<String, String> hashFiles(Path folder, Collection<String> relativePaths) {
        SortedMap<String, String> hashes = new TreeMap<>();
        try {
            for (String relativePath : relativePaths) {
                hashes.put(relativePath, Sha256.of(folder.resolve(relativePath)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash the files of " + folder, e);
        }
        return hashes;
    }

    /** Provenance as a JSON-ready map. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("source", source);
        map.put("sourceFiles", sourceFiles);
        map.put("plugins", plugins);
        map.put("tool", tool);
        return map;
    }
}
