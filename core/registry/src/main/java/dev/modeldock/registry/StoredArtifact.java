package dev.modeldock.registry;

import java.time.Instant;

/**
 * An artifact in the registry's store: bytes known by their SHA-256.
 *
 * @param sha256     the SHA-256 of the whole artifact, 64 lowercase hex characters
 * @param sizeBytes  its length in bytes
 * @param chunkCount how many chunks hold it; 0 for the empty artifact
 * @param createdAt  when these bytes were first stored
 */
public record StoredArtifact(String sha256, long sizeBytes, int chunkCount, Instant createdAt) {
}
