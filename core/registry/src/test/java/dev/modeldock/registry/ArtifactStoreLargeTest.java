package dev.modeldock.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modeldock.testkit.db.DatabaseTest;
import dev.modeldock.testkit.db.TestDatabase;
import dev.modeldock.testkit.jvm.ChildJvm;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Artifacts far larger than a chunk, generated as they are read so the test itself holds none of
 * them. Timings are printed, not asserted: they describe the machine as much as the code.
 */
class ArtifactStoreLargeTest {
    private static final long MIB = 1 << 20;

    @DatabaseTest
    void sixtyFourMegabytesStreamThroughPutAndOpen(TestDatabase database) throws IOException {
        roundTrip(database, 64 * MIB);
    }

    /**
     * A gigabyte in a JVM of its own with a 256 MB heap (the test JVM's heap is set by the build).
     * Takes about a minute, so it runs only when asked for:
     * {@code mvn -o test -pl core -Dtest=ArtifactStoreLargeTest -Dmodeldock.gigabyte=true}.
     */
    @DatabaseTest
    @EnabledIfSystemProperty(named = "modeldock.gigabyte", matches = "true")
    void aGigabyteStreamsThroughPutOpenAndRemovalInA256MegabyteHeap(TestDatabase database) throws Exception {
        try (ChildJvm child = ChildJvm.java(ArtifactStoreLargeTest.class.getName(), database.kind().name(),
                String.valueOf(1024 * MIB)).jvmOptions("-Xmx256m").start()) {
            int exitCode = child.waitFor(Duration.ofMinutes(10));
            // Copied, not inherited: Surefire reads the test JVM's own output as its channel.
            System.out.print(child.output() + child.errors());
            assertEquals(0, exitCode, "the child JVM failed; its output is above");
        }
    }

    /** The child JVM of the gigabyte test, on a database of its own: database kind, size in bytes. */
    public static void main(String[] args) throws IOException {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.valueOf(args[0]))) {
            roundTrip(database, Long.parseLong(args[1]));
        }
    }

    /** Stores, reads back, stores again (dropping the duplicate) and sweeps away {@code size} bytes. */
    private static void roundTrip(TestDatabase database, long size) throws IOException {
        String expected = ArtifactStoreFixtures.sha256(new ArtifactStoreFixtures.GeneratedInput(size, 51));
        try (RegistryDatabase db = OpenRegistry.database(database)) {
            ArtifactStore store = new DatabaseArtifacts(db, ArtifactStoreFixtures.WRITER);

            long started = System.nanoTime();
            StoredArtifact stored = store.put(new ArtifactStoreFixtures.GeneratedInput(size, 51));
            long put = System.nanoTime();
            String read = ArtifactStoreFixtures.sha256(store.open(stored.sha256()));
            long open = System.nanoTime();
            StoredArtifact again = store.put(new ArtifactStoreFixtures.GeneratedInput(size, 51));
            long putAgain = System.nanoTime();
            int swept = store.sweepUnreferenced();
            long sweep = System.nanoTime();

            System.out.printf("%s, heap limit %d MiB: %d MiB in %d chunks: put %d ms, open and read %d ms,"
                            + " identical put %d ms, sweep %d ms%n", database.kind(), Runtime.getRuntime().maxMemory() / MIB,
                    size / MIB, stored.chunkCount(), millis(started, put), millis(put, open), millis(open, putAgain),
                    millis(putAgain, sweep));
            assertEquals(expected, stored.sha256());
            assertEquals(expected, read);
            assertEquals(stored, again);
            assertEquals(size, stored.sizeBytes());
            assertEquals(size / DatabaseArtifacts.CHUNK_BYTES, stored.chunkCount());
            assertEquals(1, swept);
            assertEquals(0, ArtifactStoreFixtures.rows(db, "content_chunk"));
        }
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
