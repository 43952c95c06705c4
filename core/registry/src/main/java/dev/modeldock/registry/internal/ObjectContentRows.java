package dev.modeldock.registry.internal;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code content} rows of bytes in an object store. The row of an upload is written before its
 * first byte leaves, with the staging object's id and then the store's upload id, so that after a
 * crash the staging sweep finds every staging object and unfinished upload through the database.
 */
public final class ObjectContentRows {
    private ObjectContentRows() {
    }

    /** A content row in state 'staging': the staging object's id and the store's id of its upload. */
    public record StagingObject(long contentId, String stagingId, String uploadId) {
    }

    /**
     * Creates the staging row of an upload to the staging object {@code stagingId}.
     *
     * @param writer the server the bytes come through: while it runs, no other server sweeps them
     */
    public static long begin(Jdbi jdbi, String stagingId, String writer) {
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO content (state, started_at, store, staging_id,"
                        + " written_by) VALUES ('staging', :now, :store, :staging, :writer)")
                .bind("now", Instant.now()).bind("store", ArtifactRows.IN_OBJECT_STORE).bind("staging", stagingId)
                .bind("writer", writer).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    public static void recordUpload(Jdbi jdbi, long contentId, String uploadId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE content SET upload_id = :upload WHERE id = :content")
                .bind("upload", uploadId).bind("content", contentId).execute());
    }

    /** The object store's content rows in state 'staging' that no running server is writing. */
    public static List<StagingObject> staging(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id AS content_id, staging_id, upload_id FROM content c"
                        + " WHERE state = 'staging' AND store = :store AND NOT " + ArtifactRows.WRITER_RUNS)
                .bind("store", ArtifactRows.IN_OBJECT_STORE).mapTo(StagingObject.class).list());
    }

    /**
     * Whether a running server is uploading to the object store now. Its upload's object gets its
     * SHA-256's key a moment before the artifact row commits, so objects no row names are not orphans
     * while it does.
     */
    public static boolean uploadsUnderWay(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM content c WHERE state = 'staging'"
                        + " AND store = :store AND " + ArtifactRows.WRITER_RUNS)
                .bind("store", ArtifactRows.IN_OBJECT_STORE).mapTo(Integer.class).one()) > 0;
    }

    /** Whether a content row in state 'staging' names the staging object {@code stagingId}. */
    public static boolean isStaging(Jdbi jdbi, String stagingId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM content WHERE state = 'staging'"
                        + " AND staging_id = :staging").bind("staging", stagingId).mapTo(Integer.class).one()) > 0;
    }

    /** Deletes the content row; an object store's content has no chunks. */
    public static void delete(Jdbi jdbi, long contentId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM content WHERE id = :content").bind("content", contentId)
                .execute());
    }
}
