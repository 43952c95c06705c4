package dev.modeldock.registry;

import java.io.IOException;

/**
 * An upload whose bytes have all arrived in an {@link ArtifactStore} but are not an artifact yet:
 * nothing finds or opens them, and a sweep counts them as an unfinished upload of the server that
 * wrote them. The caller checks what it received meanwhile, then publishes the bytes or closes the
 * upload, which removes them.
 */
public interface PendingArtifact extends AutoCloseable {

    /** The SHA-256 of the bytes, computed as they arrived. */
    String sha256();

    /** How many bytes arrived. */
    long sizeBytes();

    /**
     * Makes the bytes the artifact {@link #sha256()}; when that artifact is stored already, it is
     * returned and this copy removed. Once only.
     *
     * @throws IllegalStateException when published already or closed
     */
    StoredArtifact publish() throws IOException;

    /** Removes the bytes unless they were published; a failure to do so is logged by the store, not thrown. */
    @Override
    void close();
}
