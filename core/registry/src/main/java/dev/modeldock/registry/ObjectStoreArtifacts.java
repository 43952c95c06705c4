package dev.modeldock.registry;

import dev.modeldock.registry.internal.ArtifactRows;
import dev.modeldock.registry.internal.ChunkLayout;
import dev.modeldock.registry.internal.ContentRemoval;
import dev.modeldock.registry.internal.ObjectContentRows;
import dev.modeldock.registry.internal.VerifiedObjectStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Artifact bytes in an {@link ObjectStore} (an S3 bucket), one object per artifact named by its
 * SHA-256, while the database keeps the artifact rows: an object becomes visible to the registry
 * only when its row commits. New uploads go to the object store; artifacts stored in the database
 * before the server was switched to an object store are still read from the database.
 *
 * <p>An upload streams into a staging object (the object store sends it in parts, holding about two
 * in memory) while its SHA-256 is computed, and is then copied inside the store to its SHA-256's
 * object. Its content row, written before the first byte, lets the staging sweep find what a crash
 * left behind.
 */
public final class ObjectStoreArtifacts extends StagedArtifacts {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectStoreArtifacts.class);

    private final Jdbi jdbi;
    private final ObjectStore objects;
    private final DatabaseArtifacts inDatabase;
    private final String writer;

    /**
     * New artifacts in {@code objects}, their rows (and older artifacts' bytes) in {@code database}.
     *
     * @param writer the server whose uploads these are ({@link ServerNode#id()}): while its row in
     *               {@link Servers} lives, other servers' sweeps leave its uploads alone
     */
    public ObjectStoreArtifacts(RegistryDatabase database, ObjectStore objects, String writer) {
        this.jdbi = database.jdbi();
        this.objects = objects;
        this.inDatabase = new DatabaseArtifacts(database, writer);
        this.writer = writer;
    }

    @Override
    public Optional<StoredArtifact> find(String sha256) {
        return ArtifactRows.find(jdbi, requireSha256(sha256));
    }

    @Override
    public InputStream open(String sha256) {
        StoredArtifact artifact = find(sha256).orElseThrow(() -> notStored(sha256));
        if (isInDatabase(sha256)) {
            return inDatabase.open(sha256);
        }
        return new VerifiedObjectStream(() -> objects.read(sha256), sha256, artifact.sizeBytes(),
                objects.location() + "/sha256/" + sha256);
    }

    /**
     * {@inheritDoc} A range of an object is fetched as it is stored and not verified: an object has
     * no digests of its parts, and checking a range against the whole SHA-256 would mean reading the
     * whole object for every range request. A range that is the whole artifact is read, and
     * verified, as {@link #open(String)} reads it. Deployments and {@link #copyTo} always read whole.
     */
    @Override
    public InputStream open(String sha256, long offset, long length) {
        StoredArtifact artifact = find(sha256).orElseThrow(() -> notStored(sha256));
        requireRange(sha256, artifact.sizeBytes(), offset, length);
        if (isInDatabase(sha256)) {
            return inDatabase.open(sha256, offset, length);
        }
        if (offset == 0 && length == artifact.sizeBytes()) {
            return open(sha256);
        }
        try {
            return objects.read(sha256, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact " + sha256 + " from " + objects.location()
                    + ": " + e.getMessage(), e);
        }
    }

    /** {@inheritDoc} Both the database's unfinished uploads and the object store's. */
    @Override
    public int sweepStaging() {
        int removed = inDatabase.sweepStaging();
        for (ObjectContentRows.StagingObject staged : ObjectContentRows.staging(jdbi)) {
            deleteStaging(staged.stagingId(), staged.uploadId());
            ObjectContentRows.delete(jdbi, staged.contentId());
            removed++;
        }
        return removed;
    }

    /**
     * {@inheritDoc} Both stores' artifacts; and objects no artifact row names (a copy to an
     * artifact's object or a staging upload that a crash cut off before its row committed): the
     * store's prefix must therefore belong to this registry's database alone.
     */
    @Override
    public int sweepUnreferenced() {
        int removed = inDatabase.sweepUnreferenced();
        for (ChunkLayout artifact : ArtifactRows.unreferenced(jdbi, ArtifactRows.IN_OBJECT_STORE)) {
            if (ArtifactRows.unpublish(jdbi, artifact)) {
                deleteObject(artifact.sha256());
                ObjectContentRows.delete(jdbi, artifact.contentId());
                removed++;
            }
        }
        if (ObjectContentRows.uploadsUnderWay(jdbi)) {
            return removed; // what no row names yet may be an upload about to commit; looked at next time
        }
        try {
            for (String sha256 : objects.sha256s()) {
                if (ArtifactRows.storeOf(jdbi, sha256).filter(ArtifactRows.IN_OBJECT_STORE::equals).isEmpty()) {
                    deleteObject(sha256);
                }
            }
            for (String stagingId : objects.stagingIds()) {
                if (!ObjectContentRows.isStaging(jdbi, stagingId)) {
                    deleteStaging(stagingId, null);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the objects in " + objects.location() + ": "
                    + e.getMessage(), e);
        }
        return removed;
    }

    @Override
    Staged stageBytes(InputStream in) throws IOException {
        String stagingId = UUID.randomUUID().toString();
        long contentId = ObjectContentRows.begin(jdbi, stagingId, writer);
        ObjectUpload upload = null;
        try {
            upload = objects.upload(stagingId);
            ObjectContentRows.recordUpload(jdbi, contentId, upload.uploadId());
            in.transferTo(upload);
            upload.complete();
        } catch (IOException | RuntimeException e) {
            if (upload != null) {
                upload.abort(e);
            }
            forget(contentId, e);
            throw e;
        }
        return new Staged() {
            @Override
            public StoredArtifact publish(String sha256, long sizeBytes) throws IOException {
                objects.promote(stagingId, sha256);
                ArtifactRows.Publication publication = ArtifactRows.publish(jdbi,
                        new ArtifactRows.Staged(contentId, sha256, sizeBytes, 0, 0, writer));
                try {
                    objects.deleteStaging(stagingId, null);
                    if (publication.duplicate()) {
                        ObjectContentRows.delete(jdbi, contentId);
                    }
                } catch (IOException | RuntimeException e) {
                    // The artifact is stored; what is left is a second copy, which the sweeps remove.
                    LOG.warn("artifact {} is stored, but its staging object {} in {} is left for the sweep: {}",
                            sha256, stagingId, objects.location(), e.getMessage());
                }
                return publication.artifact();
            }

            @Override
            public void discard(Throwable failure) {
                try {
                    objects.deleteStaging(stagingId, null);
                } catch (IOException | RuntimeException e) {
                    failure.addSuppressed(e);
                }
                forget(contentId, failure);
            }
        };
    }

    private boolean isInDatabase(String sha256) {
        return ArtifactRows.storeOf(jdbi, sha256).filter(ArtifactRows.IN_DATABASE::equals).isPresent();
    }

    private void forget(long contentId, Throwable failure) {
        try {
            ContentRemoval.delete(jdbi, contentId);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private void deleteStaging(String stagingId, String uploadId) {
        try {
            objects.deleteStaging(stagingId, uploadId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete staging object " + stagingId + " in "
                    + objects.location() + ": " + e.getMessage(), e);
        }
    }

    private void deleteObject(String sha256) {
        try {
            objects.delete(sha256);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the object of artifact " + sha256 + " in "
                    + objects.location() + ": " + e.getMessage(), e);
        }
    }
}
