package dev.modeldock.plugin;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link ExportTarget} receives.
 *
 * @param name     the name to export under (a file's base name, a database model name)
 * @param model      the finished model, which the target reads but must not change (nor move, unless
 *                   {@code disposable}): an ONNX file, or for {@link Layout#EXTERNAL_DATA_PACKAGE} the
 *                   zip {@link ExternalDataPackage} describes
 * @param sha256     the file's SHA-256, hex, lowercase
 * @param metadata   Oracle import metadata as a JSON document
 * @param settings   target-specific settings, e.g. {@code output_dir} for the file target
 * @param layout     what {@code model} is (since 1.1.0)
 * @param disposable whether the host deletes {@code model} once the export returns, so that the
 *                   target may move it into place rather than copy it, a rename instead of a second
 *                   writing of a 2 GB file (since 1.2.0); false for a registry's stored copy
 *
 * @since 1.0.0
 */
public record ExportRequest(String name, Path model, String sha256, String metadata,
        Map<String, String> settings, Layout layout, boolean disposable) {

    /**
     * What the model file is. A target that cannot deploy a layout refuses it with a
     * {@link ModelDockException} saying so.
     *
     * @since 1.1.0
     */
    public enum Layout {
        /** One ONNX file holding its weights. */
        ONNX,
        /** A zip of an ONNX file, its external data and their descriptor, for Oracle Database 26ai. */
        EXTERNAL_DATA_PACKAGE
    }

    public ExportRequest {
        settings = Map.copyOf(settings);
        Objects.requireNonNull(layout, "layout");
    }

    /** A request whose model the target must leave where it is, as every request was before 1.2.0. */
    public ExportRequest(String name, Path model, String sha256, String metadata, Map<String, String> settings,
            Layout layout) {
        this(name, model, sha256, metadata, settings, layout, false);
    }

    /** A request for one ONNX file, as every request was before 1.1.0. */
    public ExportRequest(String name, Path model, String sha256, String metadata, Map<String, String> settings) {
        this(name, model, sha256, metadata, settings, Layout.ONNX);
    }

    /** The setting's value, or {@code fallback} when it is absent. */
    public String setting(String key, String fallback) {
        return settings.getOrDefault(key, fallback);
    }
}
