package dev.modeldock.registry;

import static dev.modeldock.registry.ArtifactStoreFixtures.CHUNK;
import static dev.modeldock.registry.ArtifactStoreFixtures.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.testkit.db.DatabaseTest;
import dev.modeldock.testkit.db.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Byte ranges, as HTTP range requests ask for them. */
class ArtifactStoreRangeTest {
    private static final int SIZE = 3 * CHUNK + 1000;

    @DatabaseTest
    void aRangeIsExactlyThatSliceOfTheArtifact(TestDatabase database) throws IOException {
        byte[] bytes = randomBytes(SIZE, 21);
        try (RegistryDatabase db = OpenRegistry.database(database)) {
            ArtifactStore store = new DatabaseArtifacts(db, ArtifactStoreFixtures.WRITER);
            String sha = store.put(new ByteArrayInputStream(bytes)).sha256();

            long[][] ranges = {
                {0, 100},                 // the start
                {CHUNK - 10, 20},         // across the first chunk boundary
                {CHUNK - 1, CHUNK + 2},   // across two boundaries, touching three chunks
                {2L * CHUNK, CHUNK},      // exactly one whole chunk
                {SIZE - 1, 1},            // the last byte
                {0, SIZE},                // all of it
                {SIZE, 0},                // nothing, at the end
                {5, 0},                   // nothing, inside
            };
            for (long[] range : ranges) {
                int from = (int) range[0];
                int to = (int) (range[0] + range[1]);
                try (InputStream in = store.open(sha, range[0], range[1])) {
                    assertArrayEquals(Arrays.copyOfRange(bytes, from, to), in.readAllBytes(),
                            "bytes " + from + " to " + to);
                }
            }
        }
    }

    @DatabaseTest
    void aRangeOutsideTheArtifactIsRefusedWithItsBounds(TestDatabase database) throws IOException {
        try (RegistryDatabase db = OpenRegistry.database(database)) {
            ArtifactStore store = new DatabaseArtifacts(db, ArtifactStoreFixtures.WRITER);
            String sha = store.put(new ByteArrayInputStream(randomBytes(SIZE, 22))).sha256();

            assertRefused(() -> store.open(sha, -1, 10), "non-negative");
            assertRefused(() -> store.open(sha, 0, -1), "non-negative");
            assertRefused(() -> store.open(sha, SIZE - 5, 6), "has " + SIZE + " bytes");
            assertRefused(() -> store.open(sha, SIZE + 1, 0), "beyond the end");
            assertRefused(() -> store.open(sha, Long.MAX_VALUE, Long.MAX_VALUE), "beyond the end");
        }
    }

    private static void assertRefused(org.junit.jupiter.api.function.Executable open, String inMessage) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, open);
        assertTrue(e.getMessage().contains(inMessage), e.getMessage());
    }
}
