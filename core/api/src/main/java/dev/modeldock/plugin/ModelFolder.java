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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * A model laid out as the Hugging Face hub has it ({@code config.json}, {@code tokenizer.json},
 * {@code 1_Pooling/config.json}, {@code onnx/model.onnx}, ...), read-only.
 *
 * <p>Lookups are confined to the folder: a relative path that would leave it is refused, so a
 * hostile {@code modules.json} cannot point a plugin at arbitrary files.
 *
 * <p>The folder hashes each file the first time it hands it out and remembers that SHA-256
 * ({@link #inputs()}): an artifact's provenance lists exactly the inputs it was built from, with the
 * digest of the bytes that were there when they were first read. A file changed after that keeps
 * its first digest here; the host compares the digests with the files again when the conversion is
 * over and refuses the result if one changed, reading again only the files whose attributes cannot
 * vouch for them ({@link #unchangedSinceHashed}).
 *
 * <p>A small file, or one changed moments ago, is hashed before it is handed out. A large file
 * whose attributes can vouch for it is handed out at once and hashed on a thread of its own while
 * the caller reads it (a 2.2 GB encoder's hash took 1.6 s, most of it now beside parsing and
 * writing): its attributes, taken before either read, must be the same when the hash is done, or
 * {@link #inputs()} refuses the file as changed while it was read.
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
    /** From this size a settled file is hashed beside its first reader; below, a thread costs more than it saves. */
    private static final long HASH_AHEAD_FROM_BYTES = 16 << 20;

    private final String id;
    private final Path root;
    /** Relative path to its SHA-256, taken (or being taken) from the first lookup. */
    private final Map<String, Hash> hashes = new ConcurrentHashMap<>();
    /** Relative path to the attributes its file had when it was hashed, for files settled by then. */
    private final Map<String, Map<String, Object>> stamps = new ConcurrentHashMap<>();
    private final Executor hashingAhead;

    /**
     * @param id   the model's name as the user gave it (hub id or folder), used in messages
     * @param root the folder holding the model's files
     */
    public ModelFolder(String id, Path root) {
        this(id, root, task -> {
            Thread thread = new Thread(task, "model-folder-hash");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** The same, large settled files hashed on {@code hashingAhead}: a test's, to hold a hash back. */
    ModelFolder(String id, Path root, Executor hashingAhead) {
        this.id = id;
        this.root = root.toAbsolutePath().normalize();
        this.hashingAhead = hashingAhead;
    }

    /** A file's digest, and whether its first reader went on before it was taken (see the class). */
    private record Hash(CompletableFuture<String> sha256, boolean ahead) {
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
     * The file at {@code relativePath} if the folder has it. The first lookup of a file takes its
     * SHA-256 (see {@link #inputs()}), which costs a pass over the file: before it returns, or beside
     * the caller's reading for a large file whose attributes vouch for it (see the class).
     *
     * @throws ModelDockException when the file is there but cannot be read
     */
    public Optional<Path> find(String relativePath) {
        Path file = resolve(relativePath);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String relative = root.relativize(file).toString().replace('\\', '/');
        Hash hash = hashes.get(relative);
        if (hash == null) {
            Optional<Map<String, Object>> before = settledStamp(file);
            boolean ahead = before.filter(stamp -> (long) stamp.get("size") >= HASH_AHEAD_FROM_BYTES).isPresent();
            Hash mine = new Hash(new CompletableFuture<>(), ahead);
            hash = hashes.putIfAbsent(relative, mine);
            if (hash == null) {
                hash = mine;
                if (ahead) {
                    hashingAhead.execute(() -> take(file, relative, before, mine));
                } else {
                    take(file, relative, before, mine);
                }
            }
        }
        if (!hash.ahead()) {
            try {
                digest(relative, hash); // a file its attributes cannot vouch for is hashed before anyone reads it
            } catch (RuntimeException e) {
                hashes.remove(relative, hash); // as if never handed out: the next lookup tries again
                throw e;
            }
        }
        return Optional.of(file);
    }

    /**
     * Hashes {@code file} into {@code hash}, keeping {@code before} as its stamp if the file still has
     * it. A file hashed ahead that changed meanwhile is refused: which bytes its reader saw is unknown.
     */
    private void take(Path file, String relative, Optional<Map<String, Object>> before, Hash hash) {
        try {
            String digest = sha256(file, relative);
            if (before.isPresent() && stamp(file).equals(before)) {
                stamps.put(relative, before.get());
            } else if (hash.ahead()) {
                throw new ModelDockException("model '" + id + "': " + relative + " changed while it was being"
                        + " read; convert again once nothing writes to it");
            }
            hash.sha256().complete(digest);
        } catch (RuntimeException | Error e) {
            hash.sha256().completeExceptionally(e);
        }
    }

    /** The file's attributes, if it has them and its last change was {@link #SETTLED} ago or more. */
    private static Optional<Map<String, Object>> settledStamp(Path file) {
        Instant hashing = Instant.now();
        return stamp(file).filter(stamp -> ((FileTime) stamp.get("ctime")).toInstant()
                .isBefore(hashing.minus(SETTLED)));
    }

    /** The digest of a file handed out, once taken; a failure to take it as the lookup would have thrown it. */
    private static String digest(String relative, Hash hash) {
        try {
            return hash.sha256().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error; // out of memory, say: the host has its own answer to that
            }
            throw new ModelDockException("cannot hash " + relative + ": " + e.getCause(), e.getCause());
        }
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
        Hash hash = hashes.get(relativePath);
        if (hash == null || hash.sha256().exceptionally(failure -> null).join() == null) {
            return false; // never handed out, or its hash failed, which inputs() reports
        }
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
     * SHA-256 (hex, lowercase) its bytes had when it was first handed out. A snapshot, in path order;
     * it waits for the hashes still being taken.
     *
     * @throws ModelDockException when a file hashed ahead could not be read, or changed while it was
     *                            (see the class)
     */
    public SortedMap<String, String> inputs() {
        SortedMap<String, String> inputs = new TreeMap<>();
        hashes.forEach((relative, hash) -> inputs.put(relative, digest(relative, hash)));
        return Collections.unmodifiableSortedMap(inputs);
    }

    /**
     * The files found so far, relative to the folder, with '/' separators.
     *
     * @deprecated the keys of {@link #inputs()}; to be removed with the next breaking API version
     */
    @Deprecated(forRemoval = true)
    public SortedSet<String> consulted() {
        return new TreeSet<>(hashes.keySet());
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
