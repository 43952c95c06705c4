package dev.modeldock.registry;

import static dev.modeldock.registry.ArtifactStoreFixtures.CHUNK;
import static dev.modeldock.registry.ArtifactStoreFixtures.overwriteChunk;
import static dev.modeldock.registry.ArtifactStoreFixtures.randomBytes;
import static dev.modeldock.registry.ArtifactStoreFixtures.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.testkit.db.DatabaseTest;
import dev.modeldock.testkit.db.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

/** Bytes altered in the database are caught before they are handed out or deployed. */
class ArtifactStoreCorruptionTest {
    private static final int SIZE = 3 * CHUNK + 500;

    @TempDir
    Path tempDir;

    @DatabaseTest
    void aChangedChunkMakesReadingFailNamingTheChunkAndBothDigests(TestDatabase database) throws IOException {
        byte[] bytes = randomBytes(SIZE, 31);
        try (RegistryDatabase db = OpenRegistry.database(database)) {
            ArtifactStore store = new DatabaseArtifacts(db, ArtifactStoreFixtures.WRITER);
            String sha = store.put(new ByteArrayInputStream(bytes)).sha256();
            byte[] original = chunk(bytes, 1);
            byte[] altered = original.clone();
            altered[777] ^= 1;
            overwriteChunk(db, sha, 1, altered);

            try (InputStream in = store.open(sha)) {
                byte[] handedOut = in.readNBytes(CHUNK);
                assertArrayEquals(chunk(bytes, 0), handedOut, "chunk 0 is intact and readable");
                IOException e = assertThrows(CorruptArtifactException.class, () -> in.read());
                assertTrue(e.getMessage().contains("artifact " + sha + " is corrupt"), e.getMessage());
                assertTrue(e.getMessage().contains("chunk 1 "), e.getMessage());
                assertTrue(e.getMessage().contains(sha256(original)) && e.getMessage().contains(sha256(altered)),
                        e.getMessage());
                assertThrows(CorruptArtifactException.class, () -> in.read(), "a retry does not read on");
            }
        }
    }

    @DatabaseTest
    void rangesAwayFromAChangedChunkStillReadAndRangesOverItFail(TestDatabase database) throws IOException {
        byte[] bytes = randomBytes(SIZE, 32);
        try (RegistryDatabase db = OpenRegistry.database(database)) {
            ArtifactStore store = new DatabaseArtifacts(db, ArtifactStoreFixtures.WRITER);
            String sha = store.put(new ByteArrayInputStream(bytes)).sha256();
            overwriteChunk(db, sha, 1, new byte[CHUNK]);

            try (InputStream in = store.open(sha, 10, CHUNK - 10)) {
                assertArrayEquals(Arrays.copyOfRange(bytes, 10, CHUNK), in.readAllBytes());
            }
            try (InputStream in = store.open(sha, 2L * CHUNK + 5, CHUNK)) {
                assertArrayEquals(Arrays.copyOfRange(bytes, 2 * CHUNK + 5, 3 * CHUNK + 5), in.readAllBytes());
            }
            try (InputStream in = store.open(sha, CHUNK - 1, 2)) {
                IOException e = assertThrows(CorruptArtifactException.class, in::readAllBytes);
                assertTrue(e.getMessage().contains("chunk 1 "), e.getMessage());
            }
        }
    }

    @DatabaseTest
    void aChunkReplacedTogetherWithItsDigestIsCaughtByTheWholeHash(TestDatabase database) throws IOException {
        byte[] bytes = randomBytes(SIZE, 33);
        try (RegistryDatabase db = OpenRegistry.database(database)) {
            ArtifactStore store = new DatabaseArtifacts(db, ArtifactStoreFixtures.WRITER);
            String sha = store.put(new ByteArrayInputStream(bytes)).sha256();
            byte[] other = randomBytes(CHUNK, 34);
            overwriteChunk(db, sha, 0, other);
            db.jdbi().useHandle(h -> h.createUpdate("UPDATE content_chunk SET digest = :digest WHERE seq = 0")
                    .bind("digest", sha256(other)).execute());

            try (InputStream in = store.open(sha)) {
                IOException e = assertThrows(CorruptArtifactException.class, in::readAllBytes);
                assertTrue(e.getMessage().contains("is corrupt") && e.getMessage().contains("expected " + sha),
                        e.getMessage());
            }
        }
    }

    @DatabaseTest
    void aMissingChunkIsReportedAsCorruption(TestDatabase database) throws IOException {
        try (RegistryDatabase db = OpenRegistry.database(database)) {
            ArtifactStore store = new DatabaseArtifacts(db, ArtifactStoreFixtures.WRITER);
            String sha = store.put(new ByteArrayInputStream(randomBytes(SIZE, 35))).sha256();
            db.jdbi().useHandle(h -> h.execute("DELETE FROM content_chunk WHERE seq = 2"));

            try (InputStream in = store.open(sha)) {
                IOException e = assertThrows(CorruptArtifactException.class, in::readAllBytes);
                assertTrue(e.getMessage().contains("chunk 2 of 4 is missing"), e.getMessage());
            }
        }
    }

    @DatabaseTest
    void copyToWritesTheArtifactOverAnOlderFile(TestDatabase database) throws IOException {
        byte[] bytes = randomBytes(SIZE, 36);
        try (RegistryDatabase db = OpenRegistry.database(database)) {
            ArtifactStore store = new DatabaseArtifacts(db, ArtifactStoreFixtures.WRITER);
            String sha = store.put(new ByteArrayInputStream(bytes)).sha256();
            Path folder = Files.createDirectory(tempDir.resolve("deploy"));
            Path target = Files.writeString(folder.resolve("model.onnx"), "an older model");

            store.copyTo(sha, target);

            assertArrayEquals(bytes, Files.readAllBytes(target));
            assertEquals(List.of(target), list(folder), "no temporary file is left");
        }
    }

    @DatabaseTest
    void copyToOfACorruptArtifactLeavesNoFile(TestDatabase database) throws IOException {
        try (RegistryDatabase db = OpenRegistry.database(database)) {
            ArtifactStore store = new DatabaseArtifacts(db, ArtifactStoreFixtures.WRITER);
            String sha = store.put(new ByteArrayInputStream(randomBytes(SIZE, 37))).sha256();
            overwriteChunk(db, sha, 3, new byte[500]);
            Path folder = Files.createDirectory(tempDir.resolve("deploy"));

            IOException e = assertThrows(CorruptArtifactException.class,
                    () -> store.copyTo(sha, folder.resolve("model.onnx")));

            assertTrue(e.getMessage().contains("chunk 3 "), e.getMessage());
            assertEquals(List.of(), list(folder));
        }
    }

    private static byte[] chunk(byte[] bytes, int seq) {
        return Arrays.copyOfRange(bytes, seq * CHUNK, Math.min(bytes.length, (seq + 1) * CHUNK));
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
