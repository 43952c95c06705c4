package dev.modeldock.registry;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/** Secret files (keys, the first admin token): readable by their owner only, never overwritten. */
public final class OwnerOnlyFile {
    private OwnerOnlyFile() {
    }

    /**
     * Writes the file whole or not at all: the content goes to an owner-only temporary file that
     * is synced and then renamed into place, so a crash never leaves an empty or partial secret.
     *
     * @throws FileAlreadyExistsException when it exists
     */
    public static void create(Path file, String content) throws IOException {
        Path folder = Files.createDirectories(file.toAbsolutePath().getParent());
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        Path part = folder.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            try {
                Files.createFile(part, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(part);
            }
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            // ATOMIC_MOVE replaces silently on POSIX; the exists check above is what refuses an overwrite.
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
    }
}
