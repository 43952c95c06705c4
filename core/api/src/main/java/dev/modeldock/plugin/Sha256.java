package dev.modeldock.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 digests as 64 lowercase hex characters, of a file, of bytes in memory, or of bytes that
 * stream past ({@link #newDigest()}, then {@link #hex}): the one checksum every artifact, input file
 * and deployment is identified by, here so that export targets (for drift checks), the engine and
 * the registry compute it alike.
 *
 * @since 1.0.0
 */
public final class Sha256 {
    private Sha256() {
    }

    /** The digest of the file's bytes, read as a stream. */
    public static String of(Path file) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return hex(digest);
    }

    /** The digest of {@code bytes}, for values already in memory (a token, one chunk of an artifact). */
    public static String of(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    /**
     * Finishes {@code digest}, fed piece by piece as bytes streamed past, and returns its value in
     * this form. Like {@link MessageDigest#digest()}, this resets the digest.
     */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A fresh SHA-256 digest to feed bytes as they stream past; {@link #hex} gives its value. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
