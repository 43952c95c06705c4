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

/**
 * Secret files (keys, the first admin token): readable by their owner only, never overwritten; and
 * the folders that hold them, which only their owner may open. On a file system without POSIX
 * permissions these are plain files and folders.
 */
public final class OwnerOnlyFile {
    private static final String OWNER_ONLY_FILE = "rw-------";
    private static final String OWNER_ONLY_FOLDER = "rwx------";

    private OwnerOnlyFile() {
    }

    /**
     * Creates the folder and any missing parents as {@code rwx------}, and makes it so when it
     * exists already.
     */
    public static Path folder(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath();
        if (!Files.isDirectory(absolute)) {
            Path parent = absolute.getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                folder(parent);
            }
            try {
                Files.createDirectory(absolute,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY_FOLDER)));
            } catch (UnsupportedOperationException notPosix) {
                Files.createDirectory(absolute);
            } catch (FileAlreadyExistsException madeMeanwhile) {
                if (!Files.isDirectory(absolute)) {
                    throw madeMeanwhile;
                }
            }
        }
        restrict(absolute);
        return absolute;
    }

    /**
     * Makes an existing file {@code rw-------} or folder {@code rwx------}: for files that others
     * create, such as the embedded database's.
     */
    public static void restrict(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                    Files.isDirectory(path) ? OWNER_ONLY_FOLDER : OWNER_ONLY_FILE));
        } catch (UnsupportedOperationException notPosix) {
            // nothing to restrict with
        }
    }

    /**
     * Writes the file whole or not at all: the content goes to an owner-only temporary file that
     * is synced and then renamed into place, so a crash never leaves an empty or partial secret.
     *
     * @throws FileAlreadyExistsException when it exists
     */
    public static void create(Path file, String content) throws IOException {
        Path folder = folder(file.toAbsolutePath().getParent());
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        Path part = folder.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            try {
                Files.createFile(part, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY_FILE)));
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
