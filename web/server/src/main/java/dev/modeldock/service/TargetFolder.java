package dev.modeldock.service;

import dev.modeldock.plugin.ModelDockException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The one folder the files named by target settings (the file target's {@code output_dir}, an
 * Oracle connection {@code profile}) must lie in. Whoever may create a target profile could
 * otherwise make the server write models over its own files, or read a server file (its secret
 * key) as a connection profile; so every path setting is resolved against this folder, and one
 * that leaves it (an absolute path elsewhere, {@code ..}, a symbolic link pointing out) is refused.
 */
final class TargetFolder {
    private final Path root;
    private final Path realRoot;

    /** The folder, created if missing. */
    TargetFolder(Path root) throws IOException {
        this.root = Files.createDirectories(root.toAbsolutePath().normalize());
        this.realRoot = this.root.toRealPath();
    }

    /** The folder, as given (absolute). */
    Path root() {
        return root;
    }

    /**
     * The absolute path {@code value} names: relative to this folder, or absolute inside it.
     *
     * @param setting the setting's name, for the message
     * @throws ModelDockException when the path leaves the folder, or through a symbolic link that does
     */
    Path resolve(String setting, String value) {
        if (value.isBlank()) {
            throw refused(setting, "is empty");
        }
        Path given;
        try {
            given = Path.of(value);
        } catch (InvalidPathException e) {
            throw refused(setting, "is not a path (" + e.getReason() + ")");
        }
        Path resolved = root.resolve(given).normalize();
        if (!resolved.startsWith(root)) {
            throw refused(setting, "'" + value + "' leaves the folder for target files");
        }
        if (!linksStayInside(resolved)) {
            throw refused(setting, "'" + value + "' leaves the folder for target files through a symbolic link");
        }
        return resolved;
    }

    /**
     * Whether the longest part of {@code path} that exists, with every link in it followed, is still
     * in the folder. A dangling link counts as leaving: where it points is not known until something
     * is created there.
     */
    private boolean linksStayInside(Path path) {
        Path existing = path;
        while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        try {
            return existing.toRealPath().startsWith(realRoot);
        } catch (IOException e) {
            return false;
        }
    }

    private ModelDockException refused(String setting, String problem) {
        return new ModelDockException("setting '" + setting + "' " + problem + "; give a path inside " + root
                + " (the server's --targets-dir), relative or absolute");
    }
}
