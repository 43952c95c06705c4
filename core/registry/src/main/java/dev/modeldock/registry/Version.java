package dev.modeldock.registry;

import java.time.Instant;
import java.util.List;

/**
 * One immutable version of a model. The JSON documents are kept as text, exactly as stored.
 *
 * @param config     the configuration that produced it; null for an uploaded ONNX model
 * @param lineage    where it came from: source, revision, input files' SHA-256, plugins, tool version
 * @param metadata   the Oracle import metadata
 * @param validation the validation report (parity with the reference, metadata check); may be null
 * @param aliases    the aliases that point at this version now
 */
public record Version(String model, int number, String artifactSha256, long sizeBytes, String config,
        String lineage, String metadata, String validation, String createdBy, Instant createdAt,
        List<String> aliases) {
}
