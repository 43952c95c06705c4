package dev.modeldock.registry.internal;

import dev.modeldock.plugin.Sha256;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * Bytes written here go into a new content row in state 'staging', one chunk row at a time, each
 * committed on its own: however long the upload, no transaction and no buffer holds more than one
 * chunk. Each chunk gets its own SHA-256; the SHA-256 of the whole is the caller's, computed as the
 * bytes arrive ({@link HashingInput}).
 */
public final class ChunkedUpload extends OutputStream {
    private final Jdbi jdbi;
    private final long contentId;
    private final String writer;
    private final byte[] chunk;
    private int filled;
    private int chunkCount;
    private long sizeBytes;

    private ChunkedUpload(Jdbi jdbi, long contentId, int chunkBytes, String writer) {
        this.jdbi = jdbi;
        this.writer = writer;
        this.contentId = contentId;
        this.chunk = new byte[chunkBytes];
    }

    /**
     * Creates the staging content row that the upload fills.
     *
     * @param writer the server the bytes come through: while it runs, no other server sweeps them
     */
    public static ChunkedUpload begin(Jdbi jdbi, int chunkBytes, String writer) {
        long contentId = jdbi.withHandle(h -> h.createUpdate(
                        "INSERT INTO content (state, started_at, written_by) VALUES ('staging', :now, :writer)")
                .bind("now", Instant.now()).bind("writer", writer).executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class).one());
        return new ChunkedUpload(jdbi, contentId, chunkBytes, writer);
    }

    @Override
    public void write(int b) {
        chunk[filled++] = (byte) b;
        if (filled == chunk.length) {
            storeChunk();
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        while (length > 0) {
            int taken = Math.min(length, chunk.length - filled);
            System.arraycopy(bytes, offset, chunk, filled, taken);
            filled += taken;
            offset += taken;
            length -= taken;
            if (filled == chunk.length) {
                storeChunk();
            }
        }
    }

    /** Stores what is left of the last chunk; the upload takes no more bytes after this. */
    public void finish() {
        if (filled > 0) {
            storeChunk();
        }
    }

    /** The finished upload as content ready to become the artifact {@code sha256}. */
    public ArtifactRows.Staged staged(String sha256) {
        return new ArtifactRows.Staged(contentId, sha256, sizeBytes, chunk.length, chunkCount, writer);
    }

    public long contentId() {
        return contentId;
    }

    /**
     * Deletes what was stored so far. A failure to delete is added to {@code failure} rather than
     * thrown, so the caller reports the original problem; the staging sweep removes the rest later.
     */
    public void discard(Throwable failure) {
        try {
            ContentRemoval.delete(jdbi, contentId);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private void storeChunk() {
        // A byte[] of the exact length, never a stream: bound as a stream, H2 would make a LOB.
        byte[] data = filled == chunk.length ? chunk : Arrays.copyOf(chunk, filled);
        String digest = Sha256.of(data);
        int seq = chunkCount;
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO content_chunk (content_id, seq, digest, data)"
                        + " VALUES (:content, :seq, :digest, :data)")
                .bind("content", contentId).bind("seq", seq).bind("digest", digest).bind("data", data).execute());
        chunkCount++;
        sizeBytes += filled;
        filled = 0;
    }
}
