package dev.modeldock.registry;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.internal.ArtifactRows;
import dev.modeldock.registry.internal.ChunkLayout;
import dev.modeldock.registry.internal.ChunkedUpload;
import dev.modeldock.registry.internal.ContentRemoval;
import dev.modeldock.registry.internal.VerifiedChunkStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * The registry's artifact bytes, content-addressed and kept in the database in chunks of
 * {@link #CHUNK_BYTES}, each with its own SHA-256. Identical bytes are stored once. Every read is
 * verified: a chunk is handed out only after it matched its digest.
 *
 * <p>Uploads and reads stream: memory use is about two chunks whatever the artifact's size, and
 * no transaction holds more than one chunk.
 */
public final class ArtifactStore {
    /**
     * Bytes per chunk. A MiB makes the per-row cost (a round trip, a commit, an index entry) small
     * next to the bytes moved, keeps a gigabyte at about a thousand rows, and is still small enough
     * to hold twice in a small heap and to fetch whole for a short range read. (64 KiB chunks made
     * a gigabyte's upload three to four times slower on both databases; 256 KiB gained nothing.)
     */
    public static final int CHUNK_BYTES = 1 << 20;

    /** A SHA-256 as the registry writes it, {@link dev.modeldock.plugin.Sha256}'s form. */
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Jdbi jdbi;
    private final String writer;

    /**
     * The store in {@code database}'s tables {@code content}, {@code content_chunk} and {@code artifact}.
     *
     * @param writer the server whose uploads these are ({@link ServerNode#id()}): while its row in
     *               {@link Servers} lives, other servers' sweeps leave its uploads alone
     */
    public ArtifactStore(RegistryDatabase database, String writer) {
        this.jdbi = database.jdbi();
        this.writer = writer;
    }

    /**
     * Stores the bytes of {@code in}, read to its end (and not closed). When the same bytes are
     * stored already, that artifact is returned and nothing new is kept.
     *
     * @throws IOException as {@code in} threw it; nothing is kept then
     */
    public StoredArtifact put(InputStream in) throws IOException {
        return store(in, null);
    }

    /**
     * Stores the bytes of {@code in} only if their SHA-256 is {@code expectedSha256}.
     *
     * @throws ModelDockException naming both digests when they differ; nothing is kept then
     */
    public StoredArtifact put(InputStream in, String expectedSha256) throws IOException {
        return store(in, requireSha256(expectedSha256));
    }

    /** The artifact with this SHA-256, if it is stored. */
    public Optional<StoredArtifact> find(String sha256) {
        return ArtifactRows.find(jdbi, requireSha256(sha256));
    }

    /**
     * The artifact's bytes. Reads throw {@link CorruptArtifactException} (an IOException) before
     * handing out a chunk that does not match its digest, and before the last chunk if the whole
     * does not match the artifact's SHA-256.
     *
     * @throws ModelDockException when no such artifact is stored
     */
    public InputStream open(String sha256) {
        return VerifiedChunkStream.whole(jdbi, layoutOf(sha256));
    }

    /**
     * Bytes {@code [offset, offset + length)} of the artifact, as an HTTP range request asks for
     * them. Only the chunks the range touches are read, each checked against its digest.
     *
     * @throws IllegalArgumentException when the range is negative or reaches past the artifact's end
     * @throws ModelDockException       when no such artifact is stored
     */
    public InputStream open(String sha256, long offset, long length) {
        ChunkLayout layout = layoutOf(sha256);
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("a byte range needs a non-negative offset and length, not offset "
                    + offset + " and length " + length);
        }
        if (offset > layout.sizeBytes() - length) {
            throw new IllegalArgumentException("bytes " + offset + " to " + (offset + length) + " (exclusive) lie"
                    + " beyond the end of artifact " + sha256 + ", which has " + layout.sizeBytes() + " bytes");
        }
        return VerifiedChunkStream.range(jdbi, layout, offset, length);
    }

    /**
     * Writes the artifact to {@code file}, replacing it. The bytes go to a temporary file in the
     * same folder first, which is moved into place only after the whole SHA-256 matched: a
     * deployment never picks up a partial or corrupt file.
     *
     * @throws CorruptArtifactException when the stored bytes do not match; {@code file} is untouched
     * @throws ModelDockException       when no such artifact is stored
     */
    public void copyTo(String sha256, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        try (InputStream in = open(sha256)) {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                in.transferTo(Channels.newOutputStream(channel));
                channel.force(true);
            }
            moveIntoPlace(temporary, target);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Deletes content whose upload never finished because its server stopped: content written by no
     * server that {@link Servers} still lists. A running server's uploads are left alone.
     *
     * @return how many unfinished uploads were removed
     */
    public int sweepStaging() {
        List<Long> staged = jdbi.withHandle(h -> h.createQuery("SELECT id FROM content c WHERE state = 'staging'"
                        + " AND NOT EXISTS (SELECT 1 FROM server_node s WHERE s.id = c.written_by)")
                .mapTo(Long.class).list());
        staged.forEach(contentId -> ContentRemoval.delete(jdbi, contentId));
        return staged.size();
    }

    /**
     * Deletes artifacts that no model version refers to, with their bytes. An artifact just
     * uploaded is such an artifact until its version is filed, so only artifacts whose bytes came
     * through a server that has stopped are removed.
     *
     * @return how many artifacts were removed
     */
    public int sweepUnreferenced() {
        int removed = 0;
        for (ChunkLayout artifact : ArtifactRows.unreferenced(jdbi)) {
            if (ArtifactRows.unpublish(jdbi, artifact)) {
                ContentRemoval.delete(jdbi, artifact.contentId());
                removed++;
            }
        }
        return removed;
    }

    private StoredArtifact store(InputStream in, String expectedSha256) throws IOException {
        ChunkedUpload upload = ChunkedUpload.begin(jdbi, CHUNK_BYTES, writer);
        try {
            in.transferTo(upload);
            ChunkedUpload.Staged staged = upload.finish();
            if (expectedSha256 != null && !expectedSha256.equals(staged.sha256())) {
                throw new ModelDockException("the uploaded bytes have SHA-256 " + staged.sha256()
                        + ", not the expected " + expectedSha256 + "; nothing was stored");
            }
            return ArtifactRows.publish(jdbi, staged);
        } catch (IOException | RuntimeException e) {
            upload.discard(e);
            throw e;
        }
    }

    private ChunkLayout layoutOf(String sha256) {
        return ArtifactRows.layout(jdbi, requireSha256(sha256))
                .orElseThrow(() -> new ModelDockException("no artifact with SHA-256 " + sha256 + " is stored"));
    }

    /**
     * Returns {@code value} when it is a SHA-256 in the registry's form.
     *
     * @throws ModelDockException naming the value, shortened and with control characters escaped,
     *                            since it may come from a URL or a client and end up in a log line
     */
    private static String requireSha256(String value) {
        if (value == null) {
            throw new ModelDockException("no SHA-256 given: expected 64 lowercase hexadecimal characters");
        }
        if (!SHA256.matcher(value).matches()) {
            throw new ModelDockException("'" + Names.printable(value) + "' is not a SHA-256: expected 64 lowercase"
                    + " hexadecimal characters");
        }
        return value;
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
