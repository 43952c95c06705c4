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
 * up again. Both happen in one short transaction each, whatever the artifact's size. The
 * {@code store} of an artifact's content row says where its bytes are.
 */
public final class ArtifactRows {
    /** {@code content.store} of bytes in the database's {@code content_chunk} rows. */
    public static final String IN_DATABASE = "database";
    /** {@code content.store} of bytes in an object store, at the key its SHA-256 names. */
    public static final String IN_OBJECT_STORE = "object";

    private static final int PUBLISH_ATTEMPTS = 3;
    private static final String LAYOUT_COLUMNS = "a.sha256, a.content_id, a.size_bytes, a.chunk_bytes, a.chunk_count";
    private static final String WITH_CONTENT = " FROM artifact a JOIN content c ON c.id = a.content_id";
    /**
     * Whether content {@code c} came through a server that still runs ({@code server_node}). Between
     * storing the bytes and filing the version that uses them an artifact is unreferenced, and only its
     * own server knows whether a version is coming; a staging row is an upload under way. So neither
     * is any other server's to sweep while that server runs.
     */
    public static final String WRITER_RUNS = "EXISTS (SELECT 1 FROM server_node s WHERE s.id = c.written_by)";

    private ArtifactRows() {
    }

    public static Optional<StoredArtifact> find(Jdbi jdbi, String sha256) {
        return jdbi.withHandle(h -> find(h, sha256));
    }

    /** The chunks of the artifact, if it is stored in the database. */
    public static Optional<ChunkLayout> layout(Jdbi jdbi, String sha256) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + LAYOUT_COLUMNS + WITH_CONTENT
                        + " WHERE a.sha256 = :sha AND c.store = :store")
                .bind("sha", sha256).bind("store", IN_DATABASE).mapTo(ChunkLayout.class).findOne());
    }

    /** Where the artifact's bytes are ({@link #IN_DATABASE} or {@link #IN_OBJECT_STORE}), if it is stored. */
    public static Optional<String> storeOf(Jdbi jdbi, String sha256) {
        return jdbi.withHandle(h -> h.createQuery("SELECT c.store" + WITH_CONTENT + " WHERE a.sha256 = :sha")
                .bind("sha", sha256).mapTo(String.class).findOne());
    }

    /** Artifacts in {@code store} that no model version refers to, and whose bytes came through no running server. */
    public static List<ChunkLayout> unreferenced(Jdbi jdbi, String store) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + LAYOUT_COLUMNS + WITH_CONTENT + " WHERE c.store = :store"
                        + " AND NOT EXISTS (SELECT 1 FROM model_version v WHERE v.artifact_sha256 = a.sha256)"
                        + " AND NOT " + WRITER_RUNS)
                .bind("store", store).mapTo(ChunkLayout.class).list());
    }

    /**
     * The content rows in {@code store} whose upload never finished because its server stopped, or
     * whose artifact is being removed.
     */
    public static List<Long> staging(Jdbi jdbi, String store) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM content c WHERE state = 'staging'"
                        + " AND store = :store AND NOT " + WRITER_RUNS)
                .bind("store", store).mapTo(Long.class).list());
    }

    /**
     * Content that has arrived completely but is not yet an artifact. An object store's content
     * has no chunks: {@code chunkBytes} and {@code chunkCount} are 0.
     */
    public record Staged(long contentId, String sha256, long sizeBytes, int chunkBytes, int chunkCount,
            String writer) {
    }

    /**
     * The artifact that staged content became, or the one with the same bytes that was there
     * already ({@code duplicate}): the caller then removes the staged copy.
     */
    public record Publication(StoredArtifact artifact, boolean duplicate) {
    }

    /**
     * Makes staged content an artifact, or, when the same bytes are an artifact already, returns
     * that one. Two uploads of the same bytes may both find no artifact and both insert one: the
     * second insert fails on the primary key, and its retry finds the artifact the first one made.
     */
    public static Publication publish(Jdbi jdbi, Staged staged) {
        for (int attempt = 1;; attempt++) {
            try {
                return jdbi.inTransaction(h -> find(h, staged.sha256())
                        .map(existing -> new Publication(adopt(h, existing, staged.writer()), true))
                        .orElseGet(() -> new Publication(insert(h, staged), false)));
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
                                + " (SELECT 1 FROM model_version v WHERE v.artifact_sha256 = :sha) AND NOT EXISTS"
                                + " (SELECT 1 FROM content c WHERE c.id = artifact.content_id AND " + WRITER_RUNS + ")")
                        .bind("sha", artifact.sha256()).execute();
                if (deleted == 0) {
                    return false;
                }
                // No server writes it any more: whoever finds it half-removed may finish the removal.
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

    private static StoredArtifact insert(Handle h, Staged staged) {
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
     * a version that uses them, so other servers' sweeps must leave them be until it has.
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
}
