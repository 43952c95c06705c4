package dev.modeldock.artifact;

import dev.modeldock.host.ToolVersion;
import dev.modeldock.source.ChecksumMismatch;
import dev.modeldock.validation.ParityReport;
import dev.modeldock.validation.QualityReport;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where an artifact came from and how it was made: the one record of it, written into the Oracle
 * metadata's {@code modelDescription.provenance}, stored as a registry version's lineage and printed
 * by the command line, always in the form {@link #toMap()} gives.
 *
 * @param kind          converted by ModelDock from a model folder, or uploaded as an ONNX file built elsewhere
 * @param source        the model as the user named it: a hub id or a folder for a conversion, the file
 *                      for an upload
 * @param revision      the hub revision (commit) of the source; null when nobody knows it, as for a
 *                      plain local folder
 * @param sourceFiles   SHA-256 of every input file by relative path, taken when the file was first
 *                      handed out for reading, before anything was read from it; kept in path order
 * @param configuration the conversion's configuration (OML4Py's properties); null for an upload
 * @param plugins       "plugin-id@version" of every extension that took part, by its role ({@code
 *                      tokenizer:bert}); kept in role order, so that the JSON written from it does not
 *                      depend on the order of the map given; empty for an upload
 * @param tool          "ModelDock VERSION"
 * @param parity        how the pipeline compared with the reference; null for an upload, which has no
 *                      reference to compare with
 * @param quality       how far the int8 or float16 pipeline's vectors are from the float32 pipeline's;
 *                      null for float32 weights and for an upload
 * @param checksumWarnings the source's files that were not the ones pinned for the preconfigured model
 *                      and were used anyway ({@code ignore_checksum_error}); empty when all matched
 */
public record Provenance(Kind kind, String source, String revision, Map<String, String> sourceFiles,
        Map<String, Object> configuration, Map<String, String> plugins, String tool, ParityReport parity,
        QualityReport quality, List<ChecksumMismatch> checksumWarnings) {

    /** How the artifact came to be. */
    public enum Kind {
        /** Built by ModelDock from a transformer's files. */
        CONVERTED,
        /** An ONNX file built elsewhere, taken in as it is. */
        UPLOADED;

        /** The name in the JSON form: {@code converted}, {@code uploaded}. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Provenance {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(tool, "tool");
        sourceFiles = Collections.unmodifiableSortedMap(new TreeMap<>(sourceFiles));
        plugins = Collections.unmodifiableSortedMap(new TreeMap<>(plugins));
        configuration = configuration == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
        checksumWarnings = List.copyOf(checksumWarnings);
    }

    /** A conversion's provenance, made by the running ModelDock. */
    public static Provenance converted(String source, String revision, Map<String, String> sourceFiles,
            Map<String, Object> configuration, Map<String, String> plugins, ParityReport parity,
            QualityReport quality, List<ChecksumMismatch> checksumWarnings) {
        return new Provenance(Kind.CONVERTED, source, revision, sourceFiles, Objects.requireNonNull(configuration,
                "configuration"), plugins, ToolVersion.current(), Objects.requireNonNull(parity, "parity"),
                quality, checksumWarnings);
    }

    /**
     * An uploaded ONNX file's provenance, taken in by the running ModelDock: its one input is the file
     * itself, under {@code fileName}.
     */
    public static Provenance uploaded(String source, String fileName, String sha256) {
        return new Provenance(Kind.UPLOADED, source, null, Map.of(fileName, sha256), null, Map.of(),
                ToolVersion.current(), null, null, List.of());
    }

    /**
     * The one JSON form, every field under its name in a fixed order, absent ones as null: kind,
     * source, revision, sourceFiles, configuration, plugins, tool, parity, quality, checksumWarnings.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", kind.jsonName());
        map.put("source", source);
        map.put("revision", revision);
        map.put("sourceFiles", sourceFiles);
        map.put("configuration", configuration);
        map.put("plugins", plugins);
        map.put("tool", tool);
        map.put("parity", parity == null ? null : parity.toMap());
        map.put("quality", quality == null ? null : quality.toMap());
        map.put("checksumWarnings", checksumWarnings.stream().map(ChecksumMismatch::toMap).toList());
        return map;
    }
}
