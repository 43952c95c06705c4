package dev.modeldock.registry;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.internal.ArtifactRows;
import dev.modeldock.registry.internal.ChunkLayout;
import dev.modeldock.registry.internal.ChunkedUpload;
import dev.modeldock.registry.internal.ContentRemoval;
import dev.modeldock.registry.internal.VerifiedChunkStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Artifact bytes kept in the database itself, in chunks of {@link #CHUNK_BYTES}, each with its own
 * SHA-256: the default store, which needs nothing but the registry's database. Every read is
 * verified chunk by chunk, and a range read too: a chunk is handed out only after it matched its
 * digest.
 *
 * <p>Uploads and reads stream: memory use is about two chunks whatever the artifact's size, and
 * no transaction holds more than one chunk.
 */
public final class DatabaseArtifacts extends StagedArtifacts {
    /**
     * Bytes per chunk. A MiB makes the per-row cost (a round trip, a commit, an index entry) small
     * next to the bytes moved, keeps a gigabyte at about a thousand rows, and is still small enough
     * to hold twice in a small heap and to fetch whole for a short range read. (64 KiB chunks made
     * a gigabyte's upload three to four times slower on both databases; 256 KiB gained nothing.)
     */
    public static final int CHUNK_BYTES = 1 << 20;

    private final Jdbi jdbi;
    private final String writer;

    /**
     * The store in {@code database}'s tables {@code content}, {@code content_chunk} and {@code artifact}.
     *
     * @param writer the server whose uploads these are ({@link ServerNode#id()}): while its row in
     *               {@link Servers} lives, other servers' sweeps leave its uploads alone
     */
    public DatabaseArtifacts(RegistryDatabase database, String writer) {
        this.jdbi = database.jdbi();
        this.writer = writer;
    }

    @Override
    public Optional<StoredArtifact> find(String sha256) {
        return ArtifactRows.find(jdbi, requireSha256(sha256));
    }

    /** {@inheritDoc} Each chunk is also checked against its own digest before it is handed out. */
    @Override
    public InputStream open(String sha256) {
        return VerifiedChunkStream.whole(jdbi, layoutOf(sha256));
    }

    /** {@inheritDoc} Only the chunks the range touches are read, each checked against its digest. */
    @Override
    public InputStream open(String sha256, long offset, long length) {
        ChunkLayout layout = layoutOf(sha256);
        requireRange(sha256, layout.sizeBytes(), offset, length);
        return VerifiedChunkStream.range(jdbi, layout, offset, length);
    }

    /** {@inheritDoc} Only content kept in the database: bytes in an object store are that store's to sweep. */
    @Override
    public int sweepStaging() {
        List<Long> staged = ArtifactRows.staging(jdbi, ArtifactRows.IN_DATABASE);
        staged.forEach(contentId -> ContentRemoval.delete(jdbi, contentId));
        return staged.size();
    }

    /** {@inheritDoc} Only artifacts kept in the database. */
    @Override
    public int sweepUnreferenced() {
        int removed = 0;
        for (ChunkLayout artifact : ArtifactRows.unreferenced(jdbi, ArtifactRows.IN_DATABASE)) {
            if (ArtifactRows.unpublish(jdbi, artifact)) {
                ContentRemoval.delete(jdbi, artifact.contentId());
                removed++;
            }
        }
        return removed;
    }

    @Override
    Staged stageBytes(InputStream in) throws IOException {
        ChunkedUpload upload = ChunkedUpload.begin(jdbi, CHUNK_BYTES, writer);
        try {
            in.transferTo(upload);
            upload.finish();
        } catch (IOException | RuntimeException e) {
            upload.discard(e);
            throw e;
        }
        return new Staged() {
            @Override
            public StoredArtifact publish(String sha256, long sizeBytes) {
                ArtifactRows.Publication publication = ArtifactRows.publish(jdbi, upload.staged(sha256));
                if (publication.duplicate()) {
                    // After the commit, in small transactions: the staged copy may be large.
                    ContentRemoval.delete(jdbi, upload.contentId());
                }
                return publication.artifact();
            }

            @Override
            public void discard(Throwable failure) {
                upload.discard(failure);
            }
        };
    }

    private ChunkLayout layoutOf(String sha256) {
        requireSha256(sha256);
        return ArtifactRows.layout(jdbi, sha256).orElseThrow(() -> ArtifactRows.find(jdbi, sha256).isPresent()
                ? new ModelDockException("artifact " + sha256 + " is kept in an object store, not in the"
                        + " database: start the server with the --artifact-store it was uploaded to")
                : notStored(sha256));
    }
}
