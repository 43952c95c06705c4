package dev.modeldock.registry;

import dev.modeldock.plugin.ModelDockException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The registry's artifact bytes, content-addressed by SHA-256: identical bytes are stored once, and
 * every read is verified. Two stores keep them: the database's own tables ({@link DatabaseArtifacts},
 * the default) and an object store such as S3 ({@link ObjectStoreArtifacts}); the database holds
 * each artifact's row either way, and an artifact is read from the store that holds its bytes.
 *
 * <p>The contract both keep:
 * <ul>
 *   <li>An artifact is visible ({@link #find}, {@link #open}) only once its bytes have all arrived and
 *       its row has committed; bytes of an upload that fails or is refused are removed.</li>
 *   <li>Uploads and reads stream: memory use is bounded whatever the artifact's size, and the bytes
 *       of an upload are read once, hashed on the way.</li>
 *   <li>A full read recomputes the SHA-256 and throws {@link CorruptArtifactException} before the
 *       last bytes are handed out if it does not match; {@link #copyTo} therefore never leaves a
 *       corrupt file.</li>
 *   <li>Safe for concurrent use, the sweeps included: each upload's bytes name the server they come
 *       through, and a sweep removes only what servers that stopped left ({@link Servers}).</li>
 * </ul>
 */
public interface ArtifactStore {

    /**
     * Stores the bytes of {@code in}, read to its end (and not closed). When the same bytes are
     * stored already, that artifact is returned and nothing new is kept.
     *
     * @throws IOException as {@code in} or the store threw it; nothing is kept then
     */
    StoredArtifact put(InputStream in) throws IOException;

    /**
     * Stores the bytes of {@code in} only if their SHA-256 is {@code expectedSha256}.
     *
     * @throws ModelDockException naming both digests when they differ; nothing is kept then
     */
    StoredArtifact put(InputStream in, String expectedSha256) throws IOException;

    /**
     * Stores the bytes of {@code in}, read to its end (and not closed), without making them an
     * artifact: for a caller that checks the same bytes elsewhere meanwhile and publishes them only
     * if they pass. {@link #put} is this followed by {@link PendingArtifact#publish()}.
     *
     * @throws IOException as {@code in} or the store threw it; nothing is kept then
     */
    PendingArtifact stage(InputStream in) throws IOException;

    /** The artifact with this SHA-256, if it is stored. */
    Optional<StoredArtifact> find(String sha256);

    /**
     * The artifact's bytes. Reads throw {@link CorruptArtifactException} (an IOException) before
     * the last bytes if the whole does not match the artifact's SHA-256.
     *
     * @throws ModelDockException when no such artifact is stored
     */
    InputStream open(String sha256);

    /**
     * Bytes {@code [offset, offset + length)} of the artifact, as an HTTP range request asks for
     * them. How far a range is verified depends on the store: see the implementation.
     *
     * @throws IllegalArgumentException when the range is negative or reaches past the artifact's end
     * @throws ModelDockException       when no such artifact is stored
     */
    InputStream open(String sha256, long offset, long length);

    /**
     * Writes the artifact to {@code file}, replacing it. The bytes go to a temporary file in the
     * same folder first, which is moved into place only after the whole SHA-256 matched: a
     * deployment never picks up a partial or corrupt file.
     *
     * @throws CorruptArtifactException when the stored bytes do not match; {@code file} is untouched
     * @throws ModelDockException       when no such artifact is stored
     */
    void copyTo(String sha256, Path file) throws IOException;

    /**
     * Deletes the bytes of uploads that never finished because their server stopped (was killed,
     * crashed or cut off): those written by no server that {@link Servers} still lists. A running
     * server's uploads are left alone.
     *
     * @return how many unfinished uploads were removed
     */
    int sweepStaging();

    /**
     * Deletes artifacts that no model version refers to, with their bytes. An artifact just
     * uploaded is such an artifact until its version is filed, so only artifacts whose bytes came
     * through a server that has stopped are removed.
     *
     * @return how many artifacts were removed
     */
    int sweepUnreferenced();
}
