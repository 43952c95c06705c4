package dev.modeldock.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * A model laid out as the Hugging Face hub has it ({@code config.json}, {@code tokenizer.json},
 * {@code 1_Pooling/config.json}, {@code onnx/model.onnx}, ...), read-only.
 *
 * <p>Lookups are confined to the folder: a relative path that would leave it is refused, so a
 * hostile {@code modules.json} cannot point a plugin at arbitrary files. The folder remembers
 * which files were found, so that an artifact's provenance can list exactly the inputs it was built
 * from.
 */
public final class ModelFolder {
    private final String id;
    private final Path root;
    private final Set<String> consulted = new ConcurrentSkipListSet<>();

    /**
     * @param id   the model's name as the user gave it (hub id or folder), used in messages
     * @param root the folder holding the model's files
     */
    public ModelFolder(String id, Path root) {
        this.id = id;
        this.root = root.toAbsolutePath().normalize();
    }

    /** The model's name as the user gave it. */
    public String id() {
        return id;
    }

    /** The folder itself. */
    public Path root() {
        return root;
    }

    /** The file at {@code relativePath} if the folder has it. */
    public Optional<Path> find(String relativePath) {
        Path file = resolve(relativePath);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        consulted.add(root.relativize(file).toString().replace('\\', '/'));
        return Optional.of(file);
    }

    /** The files found so far, relative to the folder, with '/' separators. */
    public SortedSet<String> consulted() {
        return new TreeSet<>(consulted);
    }

    /** The file at {@code relativePath}, or a {@link ModelDockException} naming the missing file. */
    public Path require(String relativePath) {
        return find(relativePath).orElseThrow(() -> new ModelDockException(
                "model '" + id + "' has no file " + relativePath + " (looked in " + root + ")"));
    }

    private Path resolve(String relativePath) {
        Path file = root.resolve(relativePath).normalize();
        if (!file.startsWith(root)) {
            throw new ModelDockException("model '" + id + "' refers to " + relativePath
                    + ", which is outside the model folder");
        }
        return file;
    }
}
