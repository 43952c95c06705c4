package dev.modeldock.registry.internal;

import dev.modeldock.registry.StoredArtifact;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

/**
 * The {@code artifact} rows: how staged content becomes an artifact, and how an artifact is given
 * up again. Both happen in one short transaction each, whatever the artifact's size.
 */
public final class ArtifactRows {
    private static final int PUBLISH_ATTEMPTS = 3;
    private static final String LAYOUT_COLUMNS = "sha256, content_id, size_bytes, chunk_bytes, chunk_count";
    /**
     * Whether the artifact's bytes came through a server that still runs. Between storing the bytes
     * and filing the version that uses them an artifact is unreferenced; only its own server knows
     * whether a version is coming, so no other server may take it for unused.
     */
    private static final String WRITER_RUNS = "EXISTS (SELECT 1 FROM content c JOIN server_node s ON s.id = c.written_by"
            + " WHERE c.id = artifact.content_id)";

    private ArtifactRows() {
    }

    public static Optional<StoredArtifact> find(Jdbi jdbi, String sha256) {
        return jdbi.withHandle(h -> find(h, sha256));
    }

    public static Optional<ChunkLayout> layout(Jdbi jdbi, String sha256) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + LAYOUT_COLUMNS + " FROM artifact WHERE sha256 = :sha")
                .bind("sha", sha256).mapTo(ChunkLayout.class).findOne());
    }

    /** Artifacts that no model version refers to, and whose bytes came through no server that still runs. */
    public static List<ChunkLayout> unreferenced(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + LAYOUT_COLUMNS + " FROM artifact WHERE NOT EXISTS"
                        + " (SELECT 1 FROM model_version v WHERE v.artifact_sha256 = artifact.sha256) AND NOT "
                        + WRITER_RUNS)
                .mapTo(ChunkLayout.class).list());
    }

    /**
     * Makes staged content an artifact, or, when the same bytes are an artifact already, removes
     * the staged copy and returns that one. Two uploads of the same bytes may both find no
     * artifact and both insert one: the second insert fails on the primary key, and its retry
     * finds the artifact the first one made.
     */
    public static StoredArtifact publish(Jdbi jdbi, ChunkedUpload.Staged staged) {
        for (int attempt = 1;; attempt++) {
            try {
                Publication publication = jdbi.inTransaction(h -> find(h, staged.sha256())
                        .map(existing -> new Publication(adopt(h, existing, staged.writer()), true))
                        .orElseGet(() -> new Publication(insert(h, staged), false)));
                if (publication.duplicate()) {
                    // After the commit, in small transactions: the staged copy may be large.
                    ContentRemoval.delete(jdbi, staged.contentId());
                }
                return publication.artifact();
            } catch (StatementException e) {
                if (!SqlStates.is(e, SqlStates.UNIQUE_VIOLATION) || attempt == PUBLISH_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Deletes the artifact row if no version refers to it, and marks its content 'staging' in the
     * same transaction, so that bytes an interrupted removal leaves behind are found by the staging
     * sweep. A version filed meanwhile wins: its foreign key makes the delete fail.
     *
     * @return whether the row was deleted; the caller then removes the content
     */
    public static boolean unpublish(Jdbi jdbi, ChunkLayout artifact) {
        try {
            return jdbi.inTransaction(h -> {
                int deleted = h.createUpdate("DELETE FROM artifact WHERE sha256 = :sha AND NOT EXISTS"
                                + " (SELECT 1 FROM model_version v WHERE v.artifact_sha256 = :sha) AND NOT " + WRITER_RUNS)
                        .bind("sha", artifact.sha256()).execute();
                if (deleted == 0) {
                    return false;
                }
                h.createUpdate("UPDATE content SET state = 'staging', written_by = NULL WHERE id = :content")
                        .bind("content", artifact.contentId()).execute();
                return true;
            });
        } catch (StatementException e) {
            if (SqlStates.is(e, SqlStates.FOREIGN_KEY_VIOLATION)) {
                return false;
            }
            throw e;
        }
    }

    private static StoredArtifact insert(Handle h, ChunkedUpload.Staged staged) {
        // Microseconds are what both databases keep: the value returned equals the one read back.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        h.createUpdate("INSERT INTO artifact (sha256, content_id, size_bytes, chunk_bytes, chunk_count, created_at)"
                        + " VALUES (:sha, :content, :size, :chunkBytes, :chunkCount, :now)")
                .bind("sha", staged.sha256()).bind("content", staged.contentId()).bind("size", staged.sizeBytes())
                .bind("chunkBytes", staged.chunkBytes()).bind("chunkCount", staged.chunkCount()).bind("now", now)
                .execute();
        int completed = h.createUpdate("UPDATE content SET state = 'complete' WHERE id = :content"
                + " AND state = 'staging'").bind("content", staged.contentId()).execute();
        if (completed != 1) {
            throw new IllegalStateException("staged content " + staged.contentId() + " was swept while it was"
                    + " being uploaded: the staging sweep must not run while uploads are in progress");
        }
        return new StoredArtifact(staged.sha256(), staged.sizeBytes(), staged.chunkCount(), now);
    }

    /**
     * Makes {@code writer} the server an existing artifact's bytes came through: it is about to file
     * a version that uses them, so the sweeps of other servers must leave them be until it has.
     */
    private static StoredArtifact adopt(Handle h, StoredArtifact existing, String writer) {
        h.createUpdate("UPDATE content SET written_by = :writer WHERE id = (SELECT content_id FROM artifact"
                + " WHERE sha256 = :sha)").bind("writer", writer).bind("sha", existing.sha256()).execute();
        return existing;
    }

    private static Optional<StoredArtifact> find(Handle h, String sha256) {
        return h.createQuery("SELECT sha256, size_bytes, chunk_count, created_at FROM artifact WHERE sha256 = :sha")
                .bind("sha", sha256).mapTo(StoredArtifact.class).findOne();
    }

    private record Publication(StoredArtifact artifact, boolean duplicate) {
    }
}
