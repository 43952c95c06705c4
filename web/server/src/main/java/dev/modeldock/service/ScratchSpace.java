package dev.modeldock.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/** Scratch folders jobs work in and remove when done, whether they succeeded or not. */
final class ScratchSpace {
    private ScratchSpace() {
    }

    /** Empties {@code folder}, keeping it; used at start, when no job can be using it. */
    public static void clear(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            try (Stream<Path> children = Files.list(folder)) {
                children.forEach(ScratchSpace::delete);
            }
        }
    }

    /** Removes {@code folder} and everything in it; a failure is logged, not thrown. */
    public static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // Leftover scratch wastes disk but loses nothing; say so and go on.
            LoggerFactory.getLogger(ScratchSpace.class).warn("cannot remove scratch folder {}: {}", folder,
                    e.getMessage());
        }
    }
}
