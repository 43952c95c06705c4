package dev.modeldock.service;

import dev.modeldock.config.Settings;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.source.ModelSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The folders a server converts from (the serve command's {@code --source-root}; by default the
 * model cache and {@code DATA_DIR/sources}). A conversion's source, a hub id or a folder, must
 * resolve (symbolic links followed) to a folder inside one of them, and no link in it may lead
 * out, so that an API caller cannot have the server read, and quote back, its other files. The
 * command line reads whatever its user names: this confinement is the server's.
 */
final class SourceRoots {
    private final List<Path> roots;

    /** @param roots the folders, which need not exist yet (the cache is made by the first download) */
    SourceRoots(List<Path> roots) {
        this.roots = roots.stream().map(root -> root.toAbsolutePath().normalize()).distinct().toList();
    }

    /** The roots, absolute. */
    List<Path> roots() {
        return roots;
    }

    /**
     * The source as the engine resolves it ({@link ModelSource#resolve}), refused unless it lies in
     * a root with no link leading out. The folder it answers is the real one, named by its path
     * relative to its root: that is what the version's lineage records, never a server path.
     *
     * @throws ModelDockException naming the source and the root folders, or the link that leads out
     */
    ModelSource confine(String source, Settings settings) {
        return confine(source, ModelSource.resolve(source, settings));
    }

    /** {@link #confine(String, Settings)} for a source the caller has resolved already. */
    ModelSource confine(String source, ModelSource resolved) {
        Path folder = inRoot(source, resolved);
        String relative = rootOf(folder).orElseThrow().relativize(folder).toString().replace('\\', '/');
        return new ModelSource(new ModelFolder(relative.isEmpty() ? "." : relative, folder), resolved.hubId(),
                resolved.checksumMismatches());
    }

    /**
     * A snapshot of the hub's cache fetched for a hub id, held to the same rules, and named by that
     * id: the lineage records the model the user asked for, its commit read from the snapshot's path.
     */
    ModelSource confineSnapshot(String source, ModelSource fetched) {
        Path folder = inRoot(source, fetched);
        return new ModelSource(new ModelFolder(fetched.hubId(), folder), fetched.hubId(), fetched.checksumMismatches());
    }

    /** The source's real folder, refused unless it lies in a root with no link leading out. */
    private Path inRoot(String source, ModelSource resolved) {
        Path folder;
        try {
            folder = resolved.folder().root().toRealPath();
        } catch (IOException e) {
            throw new ModelDockException("source '" + source + "' cannot be opened: " + e.getMessage());
        }
        if (!contains(folder)) {
            throw new ModelDockException("source '" + source + "' is outside the folders this server converts from ("
                    + String.join(", ", roots.stream().map(Path::toString).toList()) + "); place the model in one of"
                    + " them, or start the server with --source-root for its folder");
        }
        SourceLinks.refuseLinksOut(source, folder, this::contains);
        return folder;
    }

    /** Whether {@code realPath} lies inside a root. */
    boolean contains(Path realPath) {
        return rootOf(realPath).isPresent();
    }

    /** The innermost root holding {@code realPath}, as a real path; roots that do not exist hold nothing. */
    private Optional<Path> rootOf(Path realPath) {
        return roots.stream().filter(Files::isDirectory).map(SourceRoots::real).filter(realPath::startsWith)
                .max(Comparator.comparingInt(Path::getNameCount));
    }

    private static Path real(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            return root;
        }
    }
}
