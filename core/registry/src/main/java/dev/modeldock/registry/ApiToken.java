package dev.modeldock.registry;

import java.time.Instant;

/**
 * An API token as its owner sees it after it was issued: never the token itself.
 *
 * @param id    the first characters of the token's SHA-256; names it for revocation and reveals nothing
 * @param label what the token is for
 */
public record ApiToken(String id, String label, Instant createdAt) {
    /** Hex digits of the SHA-256 that name a token: 64 bits, so two of one user's never share one. */
    public static final int ID_LENGTH = 16;
}
