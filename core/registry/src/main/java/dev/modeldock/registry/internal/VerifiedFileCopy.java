package dev.modeldock.registry.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a verified artifact stream to a file: to a temporary file in the same folder first, moved
 * into place only once the stream ended without a {@link dev.modeldock.registry.CorruptArtifactException},
 * so a reader of the file never sees partial or corrupt bytes.
 */
public final class VerifiedFileCopy {
    private VerifiedFileCopy() {
    }

    /** Copies {@code verified} to {@code file}, replacing it, and closes the stream. */
    public static void copy(InputStream verified, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        try (InputStream in = verified) {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                in.transferTo(Channels.newOutputStream(channel));
                channel.force(true);
            }
            moveIntoPlace(temporary, target);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
