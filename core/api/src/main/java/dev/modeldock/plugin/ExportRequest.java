package dev.modeldock.plugin;

import java.nio.file.Path;
import java.util.Map;

/**
 * What an {@link ExportTarget} receives.
 *
 * @param name     the name to export under (a file's base name, a database model name)
 * @param model    the finished ONNX file, which the target reads but must not move or change
 * @param sha256   the file's SHA-256, hex, lowercase
 * @param metadata Oracle import metadata as a JSON document
 * @param settings target-specific settings, e.g. {@code output_dir} for the file target
 *
 * @since 1.0.0
 */
public record ExportRequest(String name, Path model, String sha256, String metadata,
        Map<String, String> settings) {

    public ExportRequest {
        settings = Map.copyOf(settings);
    }

    /** The setting's value, or {@code fallback} when it is absent. */
    public String setting(String key, String fallback) {
        return settings.getOrDefault(key, fallback);
    }
}
