package dev.modeldock.service;

import dev.modeldock.provenance.Provenance;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A version's lineage document: where its bytes came from and what made them. */
final class Lineage {
    /** Hugging Face's cache keeps each downloaded revision under {@code snapshots/<commit>/}. */
    private static final Pattern SNAPSHOT = Pattern.compile("(?:^|/)snapshots/([0-9a-f]{40})(?:/|$)");

    private Lineage() {
    }

    /** For a conversion: the source, its revision when the folder reveals it, and the provenance. */
    static Map<String, Object> converted(Provenance provenance, Path sourceFolder, String artifactSha256) {
        Map<String, Object> lineage = new LinkedHashMap<>();
        lineage.put("kind", "conversion");
        lineage.put("source", provenance.source());
        lineage.put("revision", revision(sourceFolder));
        lineage.put("sourceFiles", provenance.sourceFiles());
        lineage.put("plugins", provenance.plugins());
        lineage.put("tool", provenance.tool());
        lineage.put("artifactSha256", artifactSha256);
        return lineage;
    }

    /** The commit of a hub snapshot folder; null for a plain local folder, whose revision nobody knows. */
    static String revision(Path folder) {
        Matcher m = SNAPSHOT.matcher(folder.toAbsolutePath().normalize().toString().replace('\\', '/'));
        return m.find() ? m.group(1) : null;
    }
}
