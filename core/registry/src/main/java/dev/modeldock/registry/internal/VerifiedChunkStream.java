package dev.modeldock.registry.internal;

import dev.modeldock.plugin.Sha256;
import dev.modeldock.registry.CorruptArtifactException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Reads a byte range of an artifact, fetching one chunk per query. A chunk's bytes are handed out
 * only after they matched the chunk's digest; when the range is the whole artifact, the SHA-256 of
 * the whole is checked too, before the last chunk is handed out.
 *
 * <p>No connection is held between reads: a slow reader (an HTTP client on a poor link) costs one
 * chunk of memory, not a pooled connection. Queries are per chunk because the PostgreSQL driver
 * would otherwise fetch the whole result set at once.
 */
public final class VerifiedChunkStream extends InputStream {
    private final Jdbi jdbi;
    private final ChunkLayout layout;
    private final long end;
    private final MessageDigest whole;
    private final byte[] single = new byte[1];
    private long position;
    private byte[] chunk;
    private int chunkSeq = -1;
    private boolean closed;
    /** Once corruption is found, every later read reports it again instead of reading on. */
    private CorruptArtifactException corruption;

    private VerifiedChunkStream(Jdbi jdbi, ChunkLayout layout, long offset, long length, boolean checkWhole) {
        this.jdbi = jdbi;
        this.layout = layout;
        this.position = offset;
        this.end = offset + length;
        this.whole = checkWhole ? Sha256.newDigest() : null;
    }

    /** The whole artifact, checked chunk by chunk and as a whole. */
    public static VerifiedChunkStream whole(Jdbi jdbi, ChunkLayout layout) {
        return new VerifiedChunkStream(jdbi, layout, 0, layout.sizeBytes(), true);
    }

    /** Bytes {@code [offset, offset + length)}, which the caller has checked lie inside the artifact. */
    public static VerifiedChunkStream range(Jdbi jdbi, ChunkLayout layout, long offset, long length) {
        boolean wholeArtifact = offset == 0 && length == layout.sizeBytes();
        return new VerifiedChunkStream(jdbi, layout, offset, length, wholeArtifact);
    }

    @Override
    public int read() throws IOException {
        return read(single, 0, 1) < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("the stream of artifact " + layout.sha256() + " is closed");
        }
        if (corruption != null) {
            throw corruption;
        }
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (position >= end) {
            if (whole != null && chunkSeq < 0) {
                // No chunk was loaded, so the artifact is empty: its digest is checked here.
                corruption = wholeMismatch();
                if (corruption != null) {
                    throw corruption;
                }
            }
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        int seq = layout.chunkOf(position);
        if (seq != chunkSeq) {
            try {
                load(seq);
            } catch (CorruptArtifactException e) {
                corruption = e;
                throw e;
            }
        }
        int inChunk = (int) (position - layout.startOf(seq));
        int count = (int) Math.min(length, Math.min(chunk.length - inChunk, end - position));
        System.arraycopy(chunk, inChunk, buffer, offset, count);
        position += count;
        return count;
    }

    @Override
    public int available() {
        if (closed || chunk == null || position >= end || layout.chunkOf(position) != chunkSeq) {
            return 0;
        }
        return (int) Math.min(end - position, chunk.length - (position - layout.startOf(chunkSeq)));
    }

    @Override
    public void close() {
        closed = true;
        chunk = null;
    }

    private void load(int seq) throws IOException {
        StoredChunk stored = fetch(seq).orElseThrow(() -> corrupt("chunk " + seq + " of " + layout.chunkCount()
                + " is missing"));
        int expectedLength = layout.lengthOf(seq);
        if (stored.data().length != expectedLength) {
            throw corrupt("chunk " + seq + " of " + layout.chunkCount() + " holds " + stored.data().length
                    + " bytes, expected " + expectedLength);
        }
        String actual = Sha256.of(stored.data());
        if (!actual.equals(stored.digest())) {
            throw corrupt("chunk " + seq + " of " + layout.chunkCount() + " has SHA-256 " + actual + ", expected "
                    + stored.digest());
        }
        if (whole != null) {
            // Whole-artifact reads go forward from byte 0, so chunks arrive here in order, each once.
            whole.update(stored.data());
            if (layout.isLast(seq)) {
                CorruptArtifactException mismatch = wholeMismatch();
                if (mismatch != null) {
                    throw mismatch;
                }
            }
        }
        chunk = stored.data();
        chunkSeq = seq;
    }

    private CorruptArtifactException wholeMismatch() {
        String actual = Sha256.hex(whole);
        if (actual.equals(layout.sha256())) {
            return null;
        }
        return corrupt("each of its " + layout.chunkCount() + " chunks matches its own digest, but together"
                + " they have SHA-256 " + actual + ", expected " + layout.sha256());
    }

    private Optional<StoredChunk> fetch(int seq) throws IOException {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT digest, data FROM content_chunk"
                            + " WHERE content_id = :content AND seq = :seq")
                    .bind("content", layout.contentId()).bind("seq", seq).mapTo(StoredChunk.class).findOne());
        } catch (JdbiException e) {
            throw new IOException("cannot read chunk " + seq + " of artifact " + layout.sha256() + ": "
                    + e.getMessage(), e);
        }
    }

    private CorruptArtifactException corrupt(String detail) {
        return new CorruptArtifactException("artifact " + layout.sha256() + " is corrupt: " + detail);
    }

    /** A {@code content_chunk} row as stored: its bytes and the SHA-256 they were written with. */
    public record StoredChunk(String digest, byte[] data) {
    }
}
