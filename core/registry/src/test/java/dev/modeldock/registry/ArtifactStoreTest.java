package dev.modeldock.registry;

import static dev.modeldock.registry.ArtifactStoreFixtures.CHUNK;
import static dev.modeldock.registry.ArtifactStoreFixtures.count;
import static dev.modeldock.registry.ArtifactStoreFixtures.randomBytes;
import static dev.modeldock.registry.ArtifactStoreFixtures.rows;
import static dev.modeldock.registry.ArtifactStoreFixtures.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.testkit.db.DatabaseTest;
import dev.modeldock.testkit.db.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;

/** Storing artifacts: round trips, storing identical bytes once, uploads that fail. */
class ArtifactStoreTest {
    @TempDir
    Path tempDir;

    @DatabaseTest
    void bytesOfEverySizeAroundTheChunkBoundaryComeBackUnchanged(TestDatabase database) throws IOException {
        try (RegistryDatabase db = OpenRegistry.database(database)) {
            ArtifactStore store = new DatabaseArtifacts(db, ArtifactStoreFixtures.WRITER);
            int[] sizes = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 12_345};
            for (int size : sizes) {
                byte[] bytes = randomBytes(size, size);
                StoredArtifact stored = store.put(new ByteArrayInputStream(bytes));

                assertEquals(sha256(bytes), stored.sha256(), "size " + size);
                assertEquals(size, stored.sizeBytes());
                assertEquals((size + CHUNK - 1) / CHUNK, stored.chunkCount(), "size " + size);
                assertEquals(Optional.of(stored), store.find(stored.sha256()));
                try (InputStream in = store.open(stored.sha256())) {
                    assertArrayEquals(bytes, in.readAllBytes(), "size " + size);
                }
            }
            assertEquals(sizes.length, rows(db, "artifact"));
            assertEquals(0, count(db, "SELECT COUNT(*) FROM content WHERE state <> 'complete'"));
        }
    }

    @DatabaseTest
    void identicalBytesAreStoredOnce(TestDatabase database) throws IOException {
        try (RegistryDatabase db = OpenRegistry.database(database)) {
            ArtifactStore store = new DatabaseArtifacts(db, ArtifactStoreFixtures.WRITER);
            byte[] bytes = randomBytes(2 * CHUNK + 7, 11);

            StoredArtifact first = store.put(new ByteArrayInputStream(bytes));
            StoredArtifact second = store.put(new ByteArrayInputStream(bytes));

            assertEquals(first, second);
            assertEquals(1, rows(db, "artifact"));
            assertEquals(1, rows(db, "content"));
            assertEquals(3, rows(db, "content_chunk"));
        }
    }

    @DatabaseTest
    void concurrentUploadsOfIdenticalBytesAllSucceedAndLeaveOneArtifact(TestDatabase database) throws Exception {
        int uploads = 8;
        byte[] bytes = randomBytes(2 * CHUNK + 99, 12);
        // Every upload waits at the end of its input for all the others, so all of them look for
        // an existing artifact at about the same moment: the race the store must survive.
        CyclicBarrier allStaged = new CyclicBarrier(uploads);
        try (RegistryDatabase db = OpenRegistry.database(database)) {
            ArtifactStore store = new DatabaseArtifacts(db, ArtifactStoreFixtures.WRITER);
            ExecutorService pool = Executors.newFixedThreadPool(uploads);
            try {
                List<Future<StoredArtifact>> results = new ArrayList<>();
                for (int i = 0; i < uploads; i++) {
                    results.add(pool.submit(() -> store.put(new EndBarrierInput(bytes, allStaged))));
                }
                Set<String> digests = new HashSet<>();
                for (Future<StoredArtifact> result : results) {
                    digests.add(result.get().sha256());
                }
                assertEquals(Set.of(sha256(bytes)), digests);
            } finally {
                pool.shutdownNow();
            }
            assertEquals(1, rows(db, "artifact"));
            assertEquals(1, rows(db, "content"));
            assertEquals(3, rows(db, "content_chunk"));
        }
    }

    @DatabaseTest
    void anInputThatFailsMidwayLeavesNoContentAndItsErrorIsThrown(TestDatabase database) {
        try (RegistryDatabase db = OpenRegistry.database(database)) {
            ArtifactStore store = new DatabaseArtifacts(db, ArtifactStoreFixtures.WRITER);

            IOException e = assertThrows(IOException.class,
                    () -> store.put(new ArtifactStoreFixtures.FailingInput(3L * CHUNK + 5)));

            assertEquals("connection reset by peer", e.getMessage());
            assertEquals(0, rows(db, "content"));
            assertEquals(0, rows(db, "content_chunk"));
            assertEquals(0, rows(db, "artifact"));
        }
    }

    @DatabaseTest
    void stagedBytesStayInvisibleUntilPublishedAndAreRemovedWhenClosedUnpublished(TestDatabase database)
            throws IOException {
        try (RegistryDatabase db = OpenRegistry.database(database)) {
            ArtifactStore store = new DatabaseArtifacts(db, ArtifactStoreFixtures.WRITER);
            byte[] kept = randomBytes(2 * CHUNK + 5, 15);
            byte[] dropped = randomBytes(CHUNK + 9, 16);

            try (PendingArtifact pending = store.stage(new ByteArrayInputStream(kept))) {
                assertEquals(sha256(kept), pending.sha256());
                assertEquals(kept.length, pending.sizeBytes());
                assertEquals(Optional.empty(), store.find(pending.sha256()), "not an artifact before it is published");
                assertEquals(3, rows(db, "content_chunk"), "the bytes are in the store already");

                StoredArtifact stored = pending.publish();

                assertEquals(Optional.of(stored), store.find(sha256(kept)));
                assertThrows(IllegalStateException.class, pending::publish);
            }
            try (PendingArtifact pending = store.stage(new ByteArrayInputStream(dropped))) {
                assertEquals(sha256(dropped), pending.sha256());
            }

            assertEquals(Optional.empty(), store.find(sha256(dropped)));
            assertEquals(1, rows(db, "content"), "the closed upload's content is gone; the published one stays");
            assertEquals(3, rows(db, "content_chunk"));
            try (InputStream in = store.open(sha256(kept))) {
                assertArrayEquals(kept, in.readAllBytes());
            }
        }
    }

    @DatabaseTest
    void bytesThatDoNotHaveTheExpectedHashAreRefusedAndNotStored(TestDatabase database) {
        try (RegistryDatabase db = OpenRegistry.database(database)) {
            ArtifactStore store = new DatabaseArtifacts(db, ArtifactStoreFixtures.WRITER);
            byte[] bytes = randomBytes(CHUNK + 3, 13);
            String expected = "0".repeat(64);

            ModelDockException e = assertThrows(ModelDockException.class,
                    () -> store.put(new ByteArrayInputStream(bytes), expected));

            assertTrue(e.getMessage().contains(expected) && e.getMessage().contains(sha256(bytes)), e.getMessage());
            assertEquals(0, rows(db, "content"));
            assertEquals(0, rows(db, "content_chunk"));
            assertEquals(0, rows(db, "artifact"));
        }
    }

    @DatabaseTest
    void bytesWithTheExpectedHashAreStored(TestDatabase database) throws IOException {
        try (RegistryDatabase db = OpenRegistry.database(database)) {
            byte[] bytes = randomBytes(CHUNK + 3, 14);

            StoredArtifact stored = new DatabaseArtifacts(db, ArtifactStoreFixtures.WRITER).put(new ByteArrayInputStream(bytes), sha256(bytes));

            assertEquals(sha256(bytes), stored.sha256());
            assertEquals(1, rows(db, "artifact"));
        }
    }

    @DatabaseTest
    void anArtifactThatWasNeverStoredIsNotFound(TestDatabase database) {
        try (RegistryDatabase db = OpenRegistry.database(database)) {
            ArtifactStore store = new DatabaseArtifacts(db, ArtifactStoreFixtures.WRITER);
            String unknown = "ab".repeat(32);

            assertEquals(Optional.empty(), store.find(unknown));
            ModelDockException e = assertThrows(ModelDockException.class, () -> store.open(unknown));
            assertTrue(e.getMessage().startsWith("no artifact") && e.getMessage().contains(unknown), e.getMessage());
            assertThrows(ModelDockException.class, () -> store.open(unknown, 0, 0));
            assertThrows(ModelDockException.class, () -> store.copyTo(unknown, tempDir.resolve("model.onnx")));
        }
    }

    @DatabaseTest(TestDatabase.Kind.H2)
    void malformedHashesAreRefusedNamingTheValueShortenedAndEscaped(TestDatabase database) {
        try (RegistryDatabase db = OpenRegistry.database(database)) {
            ArtifactStore store = new DatabaseArtifacts(db, ArtifactStoreFixtures.WRITER);
            for (String bad : List.of("AB".repeat(32), "ab".repeat(31), "g".repeat(64), "")) {
                ModelDockException e = assertThrows(ModelDockException.class, () -> store.find(bad));
                assertTrue(e.getMessage().contains("'" + bad + "' is not a SHA-256"), e.getMessage());
            }
            assertThrows(ModelDockException.class, () -> store.find(null));
            assertThrows(ModelDockException.class, () -> store.put(InputStream.nullInputStream(), "nope"));

            String hostile = "x\n".repeat(5000);
            ModelDockException e = assertThrows(ModelDockException.class, () -> store.open(hostile));
            assertFalse(e.getMessage().contains("\n"), "a control character reached the message");
            assertTrue(e.getMessage().length() < 600, e.getMessage());
            assertTrue(e.getMessage().contains("10000 characters"), e.getMessage());
            assertEquals(0, rows(db, "content"));
        }
    }

    @DatabaseTest(TestDatabase.Kind.H2)
    void theInputIsLeftOpenForItsOwner(TestDatabase database) throws IOException {
        try (RegistryDatabase db = OpenRegistry.database(database)) {
            ClosingProbe in = new ClosingProbe(randomBytes(10, 15));
            new DatabaseArtifacts(db, ArtifactStoreFixtures.WRITER).put(in);
            assertFalse(in.closed);
        }
    }

    /** Bytes whose end waits for the other uploads at a barrier. */
    private static final class EndBarrierInput extends InputStream {
        private final InputStream bytes;
        private final CyclicBarrier barrier;
        private boolean waited;

        EndBarrierInput(byte[] bytes, CyclicBarrier barrier) {
            this.bytes = new ByteArrayInputStream(bytes);
            this.barrier = barrier;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("the store reads in blocks");
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = bytes.read(buffer, offset, length);
            if (n < 0 && !waited) {
                waited = true;
                try {
                    barrier.await();
                } catch (Exception e) {
                    throw new IllegalStateException("the other uploads did not arrive", e);
                }
            }
            return n;
        }
    }

    private static final class ClosingProbe extends ByteArrayInputStream {
        private boolean closed;

        ClosingProbe(byte[] bytes) {
            super(bytes);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
