package dev.modeldock.registry.internal;

import org.jdbi.v3.core.Jdbi;

/**
 * Deletes stored content one chunk per transaction. Until a delete commits, the database keeps the
 * removed bytes for rollback; if removal stops halfway, the content row is still there (in state
 * 'staging') and the next sweep finishes the job.
 */
public final class ContentRemoval {
    /**
     * One. While a delete is uncommitted, H2 keeps each removed chunk for rollback, and when its
     * background writer runs meanwhile it writes about four times the chunk's size, serialized into
     * one contiguous buffer first, while counting only one against its write-back threshold
     * (measured: 67 MB written for sixteen 1 MiB chunks, 17 MB counted). Sixteen chunks per
     * transaction made that buffer outgrow what a 256 MB heap could give: H2's writer failed and
     * H2 closed the database, on the second upload of the same 1 GB model.
     */
    private static final int CHUNKS_PER_TRANSACTION = 1;

    private ContentRemoval() {
    }

    /** Deletes the content row {@code contentId} with all its chunks; nothing happens if it is gone. */
    public static void delete(Jdbi jdbi, long contentId) {
        int lastSeq = jdbi.withHandle(h -> h.createQuery(
                        "SELECT COALESCE(MAX(seq), -1) FROM content_chunk WHERE content_id = :content")
                .bind("content", contentId).mapTo(Integer.class).one());
        for (int from = 0; from <= lastSeq; from += CHUNKS_PER_TRANSACTION) {
            int first = from;
            jdbi.useHandle(h -> h.createUpdate("DELETE FROM content_chunk WHERE content_id = :content"
                            + " AND seq >= :first AND seq < :end")
                    .bind("content", contentId).bind("first", first).bind("end", first + CHUNKS_PER_TRANSACTION)
                    .execute());
        }
        // The cascade takes any chunk that arrived after MAX(seq) was read.
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM content WHERE id = :content").bind("content", contentId)
                .execute());
    }
}
