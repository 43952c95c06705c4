package dev.modeldock.service;

import dev.modeldock.plugin.ModelDockException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.function.Predicate;

/**
 * Finds the symbolic links in a source folder that lead out of the server's source roots: a
 * {@code config.json} (or {@code model.onnx}, {@code onnx/}, any file or folder the engine or a
 * plugin may open) that is a link to {@code /etc/...} or to the server's own key. Links that stay
 * inside, as in Hugging Face's cache where a snapshot's files link to its blobs, are fine.
 */
final class SourceLinks {
    /** A model folder holds tens of files; a source that holds far more is not one model's folder. */
    static final int MAX_ENTRIES = 10_000;
    /** Hub layouts are two or three levels deep. */
    private static final int MAX_DEPTH = 16;

    private SourceLinks() {
    }

    /**
     * Walks {@code folder} (a real path), following links, and refuses the first link whose real
     * path {@code inside} does not accept, naming it relative to the folder; the message says where
     * nothing leads, never what the target holds.
     *
     * @param source the source as the caller named it, for messages
     */
    static void refuseLinksOut(String source, Path folder, Predicate<Path> inside) {
        try {
            Files.walkFileTree(folder, EnumSet.of(FileVisitOption.FOLLOW_LINKS), MAX_DEPTH, new SimpleFileVisitor<>() {
                private int entries;

                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return check(dir);
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    return check(file);
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (e instanceof FileSystemLoopException) {
                        throw new ModelDockException("source '" + source + "': " + name(folder, file) + " is a"
                                + " symbolic link that loops back to a folder above it; remove the link");
                    }
                    return FileVisitResult.CONTINUE; // a dangling link or an unreadable file is simply not there
                }

                private FileVisitResult check(Path entry) {
                    if (++entries > MAX_ENTRIES) {
                        throw new ModelDockException("source '" + source + "' holds more than " + MAX_ENTRIES
                                + " files and folders; name the model's own folder");
                    }
                    if (Files.isSymbolicLink(entry) && !inside.test(real(entry))) {
                        throw new ModelDockException("source '" + source + "': " + name(folder, entry) + " is a"
                                + " symbolic link that leads outside the folders this server converts from; copy"
                                + " the file into the model's folder instead");
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the visitor reports failures itself; walking the tree does not throw
        }
    }

    private static Path real(Path link) {
        try {
            return link.toRealPath();
        } catch (IOException dangling) {
            try { // judged by where it says it leads: its target may appear later
                return link.toAbsolutePath().getParent().resolve(Files.readSymbolicLink(link)).normalize();
            } catch (IOException unreadable) {
                return link.getRoot(); // nobody can tell where it leads: outside
            }
        }
    }

    private static String name(Path folder, Path entry) {
        String relative = folder.relativize(entry).toString().replace('\\', '/');
        return relative.isEmpty() ? "the folder" : relative;
    }
}
