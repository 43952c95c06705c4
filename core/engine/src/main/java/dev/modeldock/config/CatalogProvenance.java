package dev.modeldock.config;

import dev.modeldock.plugin.ModelDockException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a preconfigured model's values come from, and what its files must be: the {@code provenance}
 * object of its entry in {@code preconfigured-models.json}.
 *
 * <p>The catalog pins a hub commit and the SHA-256 of each file only where those were verified; a
 * commit or hash nobody verified is worse than none, so until then {@link #commit()} is empty and
 * {@link #commitNote()} says why, and the first verified download records them.
 *
 * @param sources    property name (or {@code commit}, {@code file_sha256}) to the URL or reference
 *                   document and section the value was taken from
 * @param unverified the properties whose value is a labelled assumption, not confirmed by a source
 * @param commit     the pinned hub commit (40 hex digits), or null while not known
 * @param commitNote why the commit and hashes are (not) pinned
 * @param fileSha256 repository path to the SHA-256 the pinned commit's file has; empty while not known
 * @param notes      what a reader should know that is not a value: what was inferred, what was not verified
 */
public record CatalogProvenance(Map<String, String> sources, List<String> unverified, String commit,
        String commitNote, Map<String, String> fileSha256, List<String> notes) {

    /** The JSON keys of a provenance object. */
    static final List<String> KEYS = List.of("sources", "unverified", "commit", "commit_note", "file_sha256", "notes");

    public CatalogProvenance {
        sources = Map.copyOf(sources);
        unverified = List.copyOf(unverified);
        fileSha256 = Map.copyOf(fileSha256);
        notes = List.copyOf(notes);
    }

    /** The provenance of the preconfigured model {@code modelName}, if it is one. */
    public static Optional<CatalogProvenance> of(String modelName) {
        return ConfigCatalog.provenance(modelName);
    }

    /** The pinned hub commit, empty while not known offline. */
    public Optional<String> pinnedCommit() {
        return Optional.ofNullable(commit);
    }

    /** The JSON form, with the keys of the resource file. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("sources", new TreeMap<>(sources));
        map.put("unverified", unverified);
        map.put("commit", commit);
        map.put("commit_note", commitNote);
        map.put("file_sha256", new TreeMap<>(fileSha256));
        map.put("notes", notes);
        return map;
    }

    /** The provenance object of a catalog entry, as read from JSON. */
    static CatalogProvenance fromMap(String model, Object json) {
        if (!(json instanceof Map<?, ?> map)) {
            throw new ModelDockException("preconfigured model " + model + " has no provenance object");
        }
        for (Object key : map.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw new ModelDockException("preconfigured model " + model + ": unknown provenance key '" + key
                        + "'; valid: " + String.join(", ", KEYS));
            }
        }
        return new CatalogProvenance(strings(map.get("sources")), texts("unverified", map.get("unverified")),
                (String) map.get("commit"), (String) map.get("commit_note"), strings(map.get("file_sha256")),
                texts("notes", map.get("notes")));
    }

    private static List<String> texts(String key, Object json) {
        return json == null ? List.of() : new PropertyValue(key, json).list(String.class);
    }

    private static Map<String, String> strings(Object json) {
        Map<String, String> strings = new LinkedHashMap<>();
        if (json instanceof Map<?, ?> map) {
            map.forEach((key, value) -> strings.put(String.valueOf(key), String.valueOf(value)));
        }
        return strings;
    }
}
