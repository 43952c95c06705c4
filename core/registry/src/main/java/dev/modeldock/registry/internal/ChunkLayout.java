package dev.modeldock.registry.internal;

/**
 * How a stored artifact is cut into chunks: chunk {@code seq} holds bytes
 * {@code [seq * chunkBytes, min((seq + 1) * chunkBytes, sizeBytes))}. Only the last chunk is short.
 */
public record ChunkLayout(String sha256, long contentId, long sizeBytes, int chunkBytes, int chunkCount) {

    /** The chunk that holds the byte at {@code offset}. */
    public int chunkOf(long offset) {
        return Math.toIntExact(offset / chunkBytes);
    }

    /** The offset of the first byte of chunk {@code seq}. */
    public long startOf(int seq) {
        return (long) seq * chunkBytes;
    }

    /** How many bytes chunk {@code seq} must hold. */
    public int lengthOf(int seq) {
        return (int) Math.min(chunkBytes, sizeBytes - startOf(seq));
    }

    public boolean isLast(int seq) {
        return seq == chunkCount - 1;
    }
}
