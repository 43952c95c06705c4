package dev.modeldock.source.hub;

import dev.modeldock.plugin.ModelDockException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts one file's blob into the cache: downloaded into {@code <blob>.incomplete} (resumed if an earlier
 * try left bytes there), checked against the hash the hub states, then moved into place in one step.
 * A file lock keeps other processes out while that happens, and a monitor other threads of this one
 * (a JVM may hold a file's lock only once).
 */
final class BlobDownload {
    private static final ConcurrentHashMap<Path, Object> WRITERS = new ConcurrentHashMap<>();

    private final HubCache cache;
    private final HubApi api;

    BlobDownload(HubCache cache, HubApi api) {
        this.cache = cache;
        this.api = api;
    }

    /** The file's blob, downloaded unless the cache has it (or {@code force} says to fetch it again). */
    Path fetch(RepoSnapshot snapshot, RepoFile file, boolean force, DownloadProgress progress) throws IOException {
        Path blob = cache.blob(snapshot.repoId(), file.etag());
        if (!force && Files.isRegularFile(blob)) {
            return blob;
        }
        Path lock = cache.lock(snapshot.repoId(), file.etag());
        Files.createDirectories(lock.getParent());
        Files.createDirectories(blob.getParent());
        synchronized (WRITERS.computeIfAbsent(lock, l -> new Object())) {
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock held = channel.lock()) {
                if (!force && Files.isRegularFile(blob)) {
                    return blob; // another thread or process finished it while this one waited
                }
                Path partial = blob.resolveSibling(file.etag() + ".incomplete");
                if (force) {
                    Files.deleteIfExists(partial);
                }
                String sha256 = api.download(snapshot.repoId(), snapshot.commit(), file, partial, progress);
                verify(snapshot, file, partial, sha256);
                Files.move(partial, blob, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                progress.update(file.path(), file.size(), file.size());
                return blob;
            }
        }
    }

    /**
     * Deletes bytes that are not the file the hub describes, and says so.
     *
     * @param sha256 the SHA-256 of {@code partial}, taken as it was written
     */
    private static void verify(RepoSnapshot snapshot, RepoFile file, Path partial, String sha256) throws IOException {
        String expected = file.isLfs() ? file.sha256() : file.blobId();
        if (expected == null) {
            return; // the hub stated no hash (a mirror that lists no blob ids): nothing to check against
        }
        // an LFS file's SHA-256 was taken as it arrived; a git file's blob id is hashed here (they are small)
        String actual = file.isLfs() ? sha256 : FileDigest.gitBlobId(partial);
        if (!actual.equals(expected)) {
            long size = Files.size(partial);
            Files.deleteIfExists(partial);
            throw new ModelDockException("file " + file.path() + " of " + snapshot.repoId() + " at commit "
                    + snapshot.commit() + " arrived corrupt (" + size + " bytes): expected "
                    + (file.isLfs() ? "SHA-256 " : "git blob id ") + expected + ", got " + actual
                    + "; the bytes were deleted, nothing was cached; try again");
        }
    }
}
