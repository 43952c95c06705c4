package dev.modeldock.registry;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

/**
 * One immutable version of a model. The JSON documents are kept as text, exactly as stored.
 *
 * @param config     the configuration that produced it; null for an uploaded ONNX model
 * @param lineage    where it came from: source, revision, input files' SHA-256, plugins, tool version
 * @param metadata   the Oracle import metadata
 * @param validation the validation report (parity with the reference, metadata check); may be null
 * @param files      for a package of a model with its external data, its members with their SHA-256s
 *                   as JSON text; null for one ONNX file
 * @param aliases    the aliases that point at this version now, by name; empty when none (null is read as none)
 */
public record Version(String model, int number, String artifactSha256, long sizeBytes,
        @ColumnName("config_json") String config, @ColumnName("lineage_json") String lineage,
        @ColumnName("metadata_json") String metadata, @ColumnName("validation_json") String validation,
        @ColumnName("files_json") String files, String createdBy, Instant createdAt, List<String> aliases) {

    public Version {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }
}
