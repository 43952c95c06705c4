package dev.modeldock.objectstore;

import static dev.modeldock.objectstore.S3Bucket.randomBytes;
import static dev.modeldock.objectstore.S3Bucket.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.modeldock.objectstore.internal.PartedUpload;
import dev.modeldock.registry.ObjectUpload;
import dev.modeldock.registry.Registry;
import dev.modeldock.registry.SecretBox;
import dev.modeldock.testkit.db.DatabaseTest;
import dev.modeldock.testkit.db.TestDatabase;
import dev.modeldock.testkit.s3.S3Server;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The sweeps of the object store: what stopped servers left, and never what a running one is writing. */
class ObjectStoreSweepTest {
    private static S3Server server;

    @BeforeAll
    static void startServer() {
        server = S3Server.start("modeldock-sweeps");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @DatabaseTest
    void theStagingSweepRemovesAnUploadACrashCutOff(TestDatabase database) throws IOException {
        try (S3Bucket bucket = new S3Bucket(server, database)) {
            // What a server killed in the middle of two uploads leaves: rows, a staging object, open parts.
            ObjectUpload finished = bucket.objects.upload("crashed-after-upload");
            finished.write(randomBytes(1000, 1));
            finished.complete();
            ObjectUpload unfinished = bucket.objects.upload("crashed-during-upload");
            unfinished.write(randomBytes(PartedUpload.PART_BYTES + 1, 2));
            stagingRow(bucket, "crashed-after-upload", finished.uploadId());
            stagingRow(bucket, "crashed-during-upload", unfinished.uploadId());
            assertEquals(1, bucket.unfinishedUploads());

            assertEquals(2, bucket.store.sweepStaging());

            assertEquals(List.of(), bucket.keys());
            assertEquals(0, bucket.unfinishedUploads());
            assertEquals(0, bucket.rows("SELECT COUNT(*) FROM content"));
        }
    }

    @DatabaseTest
    void theUnreferencedSweepRemovesArtifactsWithoutVersionsAndObjectsWithoutRows(TestDatabase database)
            throws IOException {
        try (S3Bucket bucket = new S3Bucket(server, database)) {
            String unreferenced = bucket.store.put(new ByteArrayInputStream(randomBytes(2000, 3))).sha256();
            byte[] orphan = randomBytes(3000, 4);
            bucket.overwrite("sha256/" + sha256(orphan), orphan);
            bucket.overwrite("staging/left-by-a-crash", orphan);

            assertEquals(1, bucket.store.sweepUnreferenced());

            assertFalse(bucket.store.find(unreferenced).isPresent());
            assertEquals(List.of(), bucket.keys());
            assertEquals(0, bucket.rows("SELECT COUNT(*) FROM content"));
        }
    }

    @DatabaseTest
    void whileARunningServerUploadsNeitherItsStagingObjectNorObjectsWithoutRowsAreSwept(TestDatabase database)
            throws IOException {
        try (S3Bucket bucket = new S3Bucket(server, database)) {
            new Registry(bucket.database, new SecretBox(new byte[32]), "server-b").servers()
                    .register("server-b", true, true);
            // Server b is mid-upload; an object with no row may be its upload, promoted a moment before its row.
            ObjectUpload underWay = bucket.objects.upload("uploading-on-b");
            underWay.write(randomBytes(1000, 5));
            stagingRow(bucket, "uploading-on-b", underWay.uploadId(), "server-b");
            byte[] promoted = randomBytes(3000, 6);
            bucket.overwrite("sha256/" + sha256(promoted), promoted);

            assertEquals(0, bucket.store.sweepStaging());
            assertEquals(0, bucket.store.sweepUnreferenced());

            assertEquals(List.of("sha256/" + sha256(promoted)), bucket.keys());
            assertEquals(1, bucket.unfinishedUploads());
            new Registry(bucket.database, new SecretBox(new byte[32]), "server-b").servers().deregister("server-b");
            assertEquals(1, bucket.store.sweepStaging(), "once server b is gone, its upload is anyone's to remove");
            assertEquals(0, bucket.store.sweepUnreferenced());
            assertEquals(List.of(), bucket.keys());
            assertEquals(0, bucket.unfinishedUploads());
        }
    }

    private static void stagingRow(S3Bucket bucket, String stagingId, String uploadId) {
        stagingRow(bucket, stagingId, uploadId, null);
    }

    private static void stagingRow(S3Bucket bucket, String stagingId, String uploadId, String writer) {
        bucket.database.jdbi().useHandle(h -> h.createUpdate("INSERT INTO content (state, started_at, store,"
                        + " staging_id, upload_id, written_by) VALUES ('staging', :now, 'object', :staging, :upload,"
                        + " :writer)").bind("now", Instant.now()).bind("staging", stagingId).bind("upload", uploadId)
                .bind("writer", writer).execute());
    }
}
