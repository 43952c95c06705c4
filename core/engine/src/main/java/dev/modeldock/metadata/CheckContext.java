package dev.modeldock.metadata;

/**
 * What the checker knows beside the model's signature and the metadata.
 *
 * @param modelName     the database model name, [schema.]name, or null when not yet chosen
 * @param fileBytes     the ONNX file's size, or -1 when unknown
 * @param targetRelease the database release the model is meant for (23 or 26); 23ai takes smaller files
 */
public record CheckContext(String modelName, long fileBytes, int targetRelease) {

    /** Largest ONNX file Oracle imports: 2 GB, and 1 GB on a 23ai database. */
    public long maxFileBytes() {
        return targetRelease <= 23 ? 1L << 30 : (1L << 31) - 1;
    }

    /** Nothing known beside signature and metadata; checks the rules of the newest release. */
    public static CheckContext none() {
        return new CheckContext(null, -1, 26);
    }
}
