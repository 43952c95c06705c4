package dev.modeldock.metadata;

import java.util.Objects;

/**
 * What the checker knows beside the model's signature and the metadata.
 *
 * @param modelName the database model name, [schema.]name, or null when not yet chosen
 * @param fileBytes the ONNX file's size, or -1 when unknown
 * @param release   the database release the model is meant for; 23ai takes smaller files
 * @param externalData whether the model keeps its weights in external data files, which 26ai loads
 *                  and 23ai does not; {@code fileBytes} is then the ONNX file's size without them
 */
public record CheckContext(String modelName, long fileBytes, OracleRelease release, boolean externalData) {
    public CheckContext {
        Objects.requireNonNull(release, "release");
    }

    /** A model in one ONNX file. */
    public CheckContext(String modelName, long fileBytes, OracleRelease release) {
        this(modelName, fileBytes, release, false);
    }

    /** Largest ONNX file the release imports. */
    public long maxFileBytes() {
        return release.maxFileBytes();
    }

    /** Nothing known beside signature and metadata; checks the rules of the newest release. */
    public static CheckContext none() {
        return new CheckContext(null, -1, OracleRelease.DB_26AI);
    }
}
