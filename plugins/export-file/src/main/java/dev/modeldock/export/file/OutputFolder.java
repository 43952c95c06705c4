package dev.modeldock.export.file;

import dev.modeldock.plugin.ModelDockException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The output folder, checked before any work and created when the export writes: a folder that
 * cannot be made is refused with the folder's name and why (a file in the way, no permission),
 * never with an exception's class name or a bare path.
 */
final class OutputFolder {
    private OutputFolder() {
    }

    /** Why {@code folder} cannot be used or made, judged from it or its nearest existing ancestor. */
    static Optional<String> problem(Path folder) {
        if (Files.exists(folder)) {
            if (!Files.isDirectory(folder)) {
                return Optional.of("output directory " + folder + " is not a writable directory: it is a file");
            }
            return Files.isWritable(folder) ? Optional.empty()
                    : Optional.of("output directory " + folder + " is not a writable directory: no permission to write in it");
        }
        Path ancestor = folder.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null) {
            return Optional.empty(); // nothing of the path exists, not even a root: let creation say why
        }
        if (!Files.isDirectory(ancestor)) {
            return Optional.of(cannotCreate(folder, ancestor + " is a file, not a folder"));
        }
        if (!Files.isWritable(ancestor)) {
            return Optional.of(cannotCreate(folder, "no permission to create folders in " + ancestor));
        }
        return Optional.empty();
    }

    /** Creates {@code folder} and its missing parents, or fails naming the folder and the reason. */
    static void create(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (FileAlreadyExistsException e) {
            throw new ModelDockException(cannotCreate(folder, e.getFile() + " exists and is not a folder"), e);
        } catch (AccessDeniedException e) {
            throw new ModelDockException(cannotCreate(folder, "no permission to create " + e.getFile()), e);
        } catch (FileSystemException e) {
            String reason = e.getReason() != null ? e.getReason() : "the file system refused it";
            throw new ModelDockException(cannotCreate(folder, e.getFile() + ": " + reason), e);
        } catch (IOException e) {
            throw new ModelDockException(cannotCreate(folder, String.valueOf(e.getMessage())), e);
        }
    }

    private static String cannotCreate(Path folder, String reason) {
        return "cannot create output directory " + folder + ": " + reason;
    }
}
