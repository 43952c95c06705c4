package dev.modeldock.registry;

import java.io.IOException;

/**
 * The stored bytes of an artifact no longer match their SHA-256: a chunk was altered, truncated or
 * lost in the database. Reading stops before the bad bytes are handed out.
 */
public final class CorruptArtifactException extends IOException {
    private static final long serialVersionUID = 1L;

    public CorruptArtifactException(String message) {
        super(message);
    }
}
