package dev.modeldock.objectstore;

import static dev.modeldock.objectstore.S3Bucket.failingAfter;
import static dev.modeldock.objectstore.S3Bucket.randomBytes;
import static dev.modeldock.objectstore.S3Bucket.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.objectstore.internal.PartedUpload;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.CorruptArtifactException;
import dev.modeldock.registry.DatabaseArtifacts;
import dev.modeldock.registry.PendingArtifact;
import dev.modeldock.registry.StoredArtifact;
import dev.modeldock.testkit.db.DatabaseTest;
import dev.modeldock.testkit.db.TestDatabase;
import dev.modeldock.testkit.s3.S3Server;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class ObjectStoreArtifactsTest {
    private static S3Server server;

    @BeforeAll
    static void startServer() {
        server = S3Server.start("modeldock-artifacts");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @DatabaseTest
    void storesAnArtifactOfSeveralPartsAndReadsItBackVerified(TestDatabase database) throws IOException {
        byte[] bytes = randomBytes(2 * PartedUpload.PART_BYTES + 3 * 1024 * 1024 + 17, 1);
        assertTrue(bytes.length > 16 * 1024 * 1024);
        try (S3Bucket bucket = new S3Bucket(server, database)) {
            StoredArtifact stored = bucket.store.put(new ByteArrayInputStream(bytes));

            assertEquals(sha256(bytes), stored.sha256());
            assertEquals(bytes.length, stored.sizeBytes());
            assertEquals(stored, bucket.store.find(stored.sha256()).orElseThrow());
            try (InputStream in = bucket.store.open(stored.sha256())) {
                assertArrayEquals(bytes, in.readAllBytes());
            }
            assertEquals(List.of("sha256/" + stored.sha256()), bucket.keys(), "no staging object is left");
            assertEquals(0, bucket.rows("SELECT COUNT(*) FROM content_chunk"), "no bytes in the database");
        }
    }

    @DatabaseTest
    void storesTheSameBytesOnce(TestDatabase database) throws IOException {
        byte[] bytes = randomBytes(3 * 1024 * 1024, 2);
        try (S3Bucket bucket = new S3Bucket(server, database)) {
            StoredArtifact first = bucket.store.put(new ByteArrayInputStream(bytes));
            StoredArtifact second = bucket.store.put(new ByteArrayInputStream(bytes), sha256(bytes));

            assertEquals(first, second);
            assertEquals(List.of("sha256/" + first.sha256()), bucket.keys());
            assertEquals(1, bucket.rows("SELECT COUNT(*) FROM content"));
        }
    }

    @DatabaseTest
    void refusesBytesThatAreNotTheExpectedOnesAndLeavesNothingInTheBucket(TestDatabase database)
            throws IOException {
        byte[] bytes = randomBytes(1024 * 1024, 3);
        String other = sha256(new byte[] {1});
        try (S3Bucket bucket = new S3Bucket(server, database)) {
            ModelDockException refused = assertThrows(ModelDockException.class,
                    () -> bucket.store.put(new ByteArrayInputStream(bytes), other));

            assertTrue(refused.getMessage().contains(sha256(bytes)) && refused.getMessage().contains(other),
                    refused.getMessage());
            assertEquals(List.of(), bucket.keys());
            assertEquals(0, bucket.rows("SELECT COUNT(*) FROM content"));
            assertFalse(bucket.store.find(sha256(bytes)).isPresent());
        }
    }

    @DatabaseTest
    void detectsAnAlteredObjectOnAFullReadAndLeavesTheCopyTargetUntouched(TestDatabase database,
            @TempDir Path folder) throws IOException {
        byte[] bytes = randomBytes(PartedUpload.PART_BYTES + 5, 4);
        try (S3Bucket bucket = new S3Bucket(server, database)) {
            String sha = bucket.store.put(new ByteArrayInputStream(bytes)).sha256();
            byte[] altered = bytes.clone();
            altered[altered.length / 2] ^= 1;
            bucket.overwrite("sha256/" + sha, altered);

            try (InputStream in = bucket.store.open(sha)) {
                CorruptArtifactException e = assertThrows(CorruptArtifactException.class, in::readAllBytes);
                assertTrue(e.getMessage().contains(sha), e.getMessage());
            }
            Path target = Files.writeString(folder.resolve("model.onnx"), "the previous deployment");
            assertThrows(CorruptArtifactException.class, () -> bucket.store.copyTo(sha, target));
            assertEquals("the previous deployment", Files.readString(target));
            try (var left = Files.list(folder)) {
                assertEquals(List.of(target), left.toList(), "no temporary file is left");
            }
        }
    }

    @DatabaseTest
    void detectsATruncatedObjectBeforeTheLastBytes(TestDatabase database) throws IOException {
        byte[] bytes = randomBytes(200_000, 5);
        try (S3Bucket bucket = new S3Bucket(server, database)) {
            String sha = bucket.store.put(new ByteArrayInputStream(bytes)).sha256();
            bucket.overwrite("sha256/" + sha, Arrays.copyOf(bytes, bytes.length - 1));

            try (InputStream in = bucket.store.open(sha)) {
                assertThrows(CorruptArtifactException.class, in::readAllBytes);
            }
        }
    }

    @DatabaseTest
    void readsARangeAcrossAPartBoundary(TestDatabase database) throws IOException {
        byte[] bytes = randomBytes(PartedUpload.PART_BYTES + 1000, 6);
        try (S3Bucket bucket = new S3Bucket(server, database)) {
            String sha = bucket.store.put(new ByteArrayInputStream(bytes)).sha256();
            int offset = PartedUpload.PART_BYTES - 10;

            try (InputStream in = bucket.store.open(sha, offset, 30)) {
                assertArrayEquals(Arrays.copyOfRange(bytes, offset, offset + 30), in.readAllBytes());
            }
            try (InputStream in = bucket.store.open(sha, 0, 0)) {
                assertEquals(0, in.readAllBytes().length);
            }
            assertThrows(IllegalArgumentException.class, () -> bucket.store.open(sha, bytes.length - 5, 6));
        }
    }

    @DatabaseTest
    void aFailingInputAbortsTheMultipartUploadAndLeavesNoStagingObject(TestDatabase database) throws IOException {
        byte[] good = randomBytes(PartedUpload.PART_BYTES + 4096, 7);
        try (S3Bucket bucket = new S3Bucket(server, database)) {
            IOException e = assertThrows(IOException.class, () -> bucket.store.put(failingAfter(good)));

            assertEquals("the client went away", e.getMessage());
            assertEquals(List.of(), bucket.keys());
            assertEquals(0, bucket.unfinishedUploads());
            assertEquals(0, bucket.rows("SELECT COUNT(*) FROM content"));
        }
    }

    @DatabaseTest
    void aStagedUploadIsAStagingObjectUntilPublishedAndNothingOnceClosedUnpublished(TestDatabase database)
            throws IOException {
        byte[] kept = randomBytes(1024 * 1024 + 5, 8);
        byte[] dropped = randomBytes(1024 * 1024 + 9, 9);
        try (S3Bucket bucket = new S3Bucket(server, database)) {
            try (PendingArtifact pending = bucket.store.stage(new ByteArrayInputStream(kept))) {
                assertEquals(sha256(kept), pending.sha256());
                assertFalse(bucket.store.find(sha256(kept)).isPresent(), "not an artifact before it is published");
                assertEquals(1, bucket.keys().size(), "the bytes are in the bucket's staging area");
                assertTrue(bucket.keys().get(0).startsWith("staging/"), bucket.keys().toString());

                pending.publish();
            }
            try (PendingArtifact pending = bucket.store.stage(new ByteArrayInputStream(dropped))) {
                assertEquals(sha256(dropped), pending.sha256());
            }

            assertEquals(List.of("sha256/" + sha256(kept)), bucket.keys());
            assertEquals(1, bucket.rows("SELECT COUNT(*) FROM content"));
            assertFalse(bucket.store.find(sha256(dropped)).isPresent());
        }
    }

    @DatabaseTest
    void storesAndReadsTheEmptyArtifact(TestDatabase database) throws IOException {
        try (S3Bucket bucket = new S3Bucket(server, database)) {
            String sha = bucket.store.put(new ByteArrayInputStream(new byte[0])).sha256();

            assertEquals(sha256(new byte[0]), sha);
            try (InputStream in = bucket.store.open(sha)) {
                assertEquals(0, in.readAllBytes().length);
            }
        }
    }

    @DatabaseTest
    void readsArtifactsStoredInTheDatabaseBeforeTheSwitch(TestDatabase database) throws IOException {
        byte[] bytes = randomBytes(3 * DatabaseArtifacts.CHUNK_BYTES + 9, 8);
        try (S3Bucket bucket = new S3Bucket(server, database)) {
            String sha = new DatabaseArtifacts(bucket.database, S3Bucket.WRITER).put(new ByteArrayInputStream(bytes)).sha256();

            try (InputStream in = bucket.store.open(sha)) {
                assertArrayEquals(bytes, in.readAllBytes());
            }
            try (InputStream in = bucket.store.open(sha, 5, 10)) {
                assertArrayEquals(Arrays.copyOfRange(bytes, 5, 15), in.readAllBytes());
            }
            assertEquals(List.of(), bucket.keys());
        }
    }

    @DatabaseTest
    void theDatabaseStoreNamesTheObjectStoreForAnArtifactKeptThere(TestDatabase database) throws IOException {
        try (S3Bucket bucket = new S3Bucket(server, database)) {
            String sha = bucket.store.put(new ByteArrayInputStream(randomBytes(10, 9))).sha256();

            ModelDockException e = assertThrows(ModelDockException.class,
                    () -> new DatabaseArtifacts(bucket.database, S3Bucket.WRITER).open(sha));
            assertTrue(e.getMessage().contains("object store"), e.getMessage());
        }
    }
}
