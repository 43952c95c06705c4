package dev.modeldock.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Secret files (keys, the first admin token): readable by their owner only, never overwritten. */
public final class OwnerOnlyFile {
    private OwnerOnlyFile() {
    }

    /**
     * Creates the file with owner-only permissions before any byte is written to it.
     *
     * @throws FileAlreadyExistsException when it exists
     */
    public static void create(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
