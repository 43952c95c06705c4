package dev.modeldock.registry.internal;

import org.jdbi.v3.core.Jdbi;

/**
 * Deletes stored content a few chunks per transaction. Removing a gigabyte in one transaction
 * would make the database keep all of it for rollback; if removal stops halfway, the content row
 * is still there (in state 'staging') and the next sweep finishes the job.
 */
public final class ContentRemoval {
    private static final int CHUNKS_PER_TRANSACTION = 16;

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
