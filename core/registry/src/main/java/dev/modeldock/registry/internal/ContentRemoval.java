package dev.modeldock.registry.internal;

import org.jdbi.v3.core.Jdbi;

/**
 * Deletes stored content one chunk per transaction, as it was written. A transaction keeps what it
 * deletes for a rollback, and H2 keeps that in the heap: deleting even 16 one-MiB chunks at once
 * ran a 256 MB heap out of memory. If removal stops halfway, the content row is still there (in
 * state 'staging') and the next staging sweep finishes the job.
 */
public final class ContentRemoval {
    private ContentRemoval() {
    }

    /** Deletes the content row {@code contentId} with all its chunks; nothing happens if it is gone. */
    public static void delete(Jdbi jdbi, long contentId) {
        int lastSeq = jdbi.withHandle(h -> h.createQuery(
                        "SELECT COALESCE(MAX(seq), -1) FROM content_chunk WHERE content_id = :content")
                .bind("content", contentId).mapTo(Integer.class).one());
        for (int seq = lastSeq; seq >= 0; seq--) {
            int chunk = seq;
            jdbi.useHandle(h -> h.createUpdate("DELETE FROM content_chunk WHERE content_id = :content AND seq = :seq")
                    .bind("content", contentId).bind("seq", chunk).execute());
        }
        // The cascade takes any chunk that arrived after MAX(seq) was read.
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM content WHERE id = :content").bind("content", contentId)
                .execute());
    }
}
