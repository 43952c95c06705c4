package dev.modeldock.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Artifacts far larger than a chunk, generated as they are read so the test itself holds none of
 * them. Timings are printed, not asserted: they describe the machine as much as the code.
 */
class ArtifactStoreLargeTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path tempDir;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void sixtyFourMegabytesStreamThroughPutAndOpen(Engine engine) throws IOException {
        roundTrip(engine, 64 * MIB);
    }

    /**
     * A gigabyte through a small heap, stored twice (the second time as a duplicate that is
     * removed again): run with
     * {@code mvn -o test -pl core -Dtest=ArtifactStoreLargeTest -Dmodeldock.gigabyte=true -DargLine=-Xmx256m}.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    @EnabledIfSystemProperty(named = "modeldock.gigabyte", matches = "true")
    void aGigabyteStreamsThroughPutAndOpenInASmallHeap(Engine engine) throws IOException {
        System.out.printf("heap limit %d MiB%n", Runtime.getRuntime().maxMemory() / MIB);
        roundTrip(engine, 1024 * MIB);
    }

    private void roundTrip(Engine engine, long size) throws IOException {
        String expected = ArtifactStoreFixtures.sha256(new ArtifactStoreFixtures.GeneratedInput(size, 51));
        try (Engine.Fresh fresh = engine.fresh(tempDir); RegistryDatabase db = fresh.open()) {
            ArtifactStore store = new ArtifactStore(db);

            long started = System.nanoTime();
            StoredArtifact stored = store.put(new ArtifactStoreFixtures.GeneratedInput(size, 51));
            long put = System.nanoTime();
            String read;
            try (InputStream in = store.open(stored.sha256())) {
                read = ArtifactStoreFixtures.sha256(in);
            }
            long open = System.nanoTime();

            // The same bytes again, as a re-upload sends them: stored in full, then removed as a duplicate.
            StoredArtifact again = store.put(new ArtifactStoreFixtures.GeneratedInput(size, 51));
            long duplicate = System.nanoTime();

            System.out.printf("%s: %d MiB in %d chunks: put %d ms, open and read %d ms, put again %d ms%n", engine,
                    size / MIB, stored.chunkCount(), (put - started) / 1_000_000, (open - put) / 1_000_000,
                    (duplicate - open) / 1_000_000);
            assertEquals(expected, stored.sha256());
            assertEquals(expected, read);
            assertEquals(size, stored.sizeBytes());
            assertEquals(size / ArtifactStore.CHUNK_BYTES, stored.chunkCount());
            assertEquals(stored, again);
            assertEquals(1, ArtifactStoreFixtures.rows(db, "content"), "the duplicate's chunks are gone");
            assertEquals(stored.chunkCount(), ArtifactStoreFixtures.rows(db, "content_chunk"));
        }
    }
}
