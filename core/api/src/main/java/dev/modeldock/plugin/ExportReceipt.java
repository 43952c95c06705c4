package dev.modeldock.plugin;

/**
 * What an {@link ExportTarget} delivered.
 *
 * @param target   the target's name
 * @param location where the model now is (a file path, a database model name)
 * @param sha256   SHA-256 of the bytes delivered, hex, lowercase
 * @param bytes    how many bytes were delivered
 *
 * @since 1.0.0
 */
public record ExportReceipt(String target, String location, String sha256, long bytes) {
}
