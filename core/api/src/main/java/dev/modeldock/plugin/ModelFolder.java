package dev.modeldock.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A model laid out as the Hugging Face hub has it ({@code config.json}, {@code tokenizer.json},
 * {@code 1_Pooling/config.json}, {@code onnx/model.onnx}, ...), read-only.
 *
 * <p>Lookups are confined to the folder: a relative path that would leave it is refused, so a
 * hostile {@code modules.json} cannot point a plugin at arbitrary files.
 *
 * <p>The folder hashes each file the first time it hands it out, before anyone has read it, and
 * remembers that SHA-256 ({@link #inputs()}): an artifact's provenance lists exactly the inputs it
 * was built from, with the digest of the bytes that were there when they were first read. A file
 * changed after that keeps its first digest here; the host compares the digests with the files
 * again when the conversion is over and refuses the result if one changed, reading again only the
 * files whose attributes cannot vouch for them ({@link #unchangedSinceHashed}).
 *
 * @since 1.0.0
 */
public final class ModelFolder {
    /**
     * How long before its hash a file's last change must be for its attributes to vouch for it:
     * longer than the coarsest timestamp a filesystem keeps (FAT's two seconds), so that a write
     * just after the hash cannot leave the file's times as they were.
     */
    private static final Duration SETTLED = Duration.ofSeconds(2);
    private static final String STAMP_ATTRIBUTES = "unix:dev,ino,size,lastModifiedTime,ctime";

    private final String id;
    private final Path root;
    /** Relative path to SHA-256, taken at the first lookup. */
    private final SortedMap<String, String> inputs = new ConcurrentSkipListMap<>();
    /** Relative path to the attributes its file had when it was hashed, for files settled by then. */
    private final Map<String, Map<String, Object>> stamps = new ConcurrentHashMap<>();

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

    /**
     * The file at {@code relativePath} if the folder has it. The first lookup of a file reads it
     * once to take its SHA-256 (see {@link #inputs()}), so it costs a pass over the file.
     *
     * @throws ModelDockException when the file is there but cannot be read
     */
    public Optional<Path> find(String relativePath) {
        Path file = resolve(relativePath);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String relative = root.relativize(file).toString().replace('\\', '/');
        if (!inputs.containsKey(relative)) {
            Instant hashing = Instant.now();
            Optional<Map<String, Object>> before = stamp(file);
            // Two threads may both hash a file on its first lookup; the first digest recorded stays.
            if (inputs.putIfAbsent(relative, sha256(file, relative)) == null) {
                before.filter(stamp -> ((FileTime) stamp.get("ctime")).toInstant().isBefore(hashing.minus(SETTLED))
                        && stamp(file).equals(before)).ifPresent(stamp -> stamps.put(relative, stamp));
            }
        }
        return Optional.of(file);
    }

    /**
     * Whether the file handed out at {@code relativePath} is, by its attributes alone, still the one
     * that was hashed: the same device and inode, size, modification and change times, its last change
     * settled more than two seconds before the hash, so that any write or replacement since shows in
     * them (a file's change time cannot be set back). False whenever in doubt: the platform has no
     * such attributes, the file changed just before it was hashed, or it was never handed out. Then
     * only reading it again tells.
     *
     * @since 1.2.0
     */
    public boolean unchangedSinceHashed(String relativePath) {
        Map<String, Object> stamp = stamps.get(relativePath);
        return stamp != null && stamp(resolve(relativePath)).equals(Optional.of(stamp));
    }

    private static Optional<Map<String, Object>> stamp(Path file) {
        try {
            return Optional.of(Files.readAttributes(file, STAMP_ATTRIBUTES));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty(); // no unix view here, or the file is gone: read it again to know
        }
    }

    /**
     * The files handed out so far, by path relative to the folder with '/' separators, each with the
     * SHA-256 (hex, lowercase) its bytes had when it was first handed out. A snapshot, in path order.
     */
    public SortedMap<String, String> inputs() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(inputs));
    }

    /**
     * The files found so far, relative to the folder, with '/' separators.
     *
     * @deprecated the keys of {@link #inputs()}; to be removed with the next breaking API version
     */
    @Deprecated(forRemoval = true)
    public SortedSet<String> consulted() {
        return new TreeSet<>(inputs.keySet());
    }

    /** The file at {@code relativePath}, or a {@link ModelDockException} naming the missing file. */
    public Path require(String relativePath) {
        return find(relativePath).orElseThrow(() -> new ModelDockException(
                "model '" + id + "' has no file " + relativePath + " (looked in " + root + ")"));
    }

    private String sha256(Path file, String relative) {
        try {
            return Sha256.of(file);
        } catch (IOException e) {
            throw new ModelDockException("model '" + id + "': cannot read " + relative + " (" + e.getMessage() + ")", e);
        }
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
