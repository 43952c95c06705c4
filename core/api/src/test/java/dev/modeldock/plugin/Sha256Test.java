package dev.modeldock.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Digests of files, bytes and streamed digests, checked against FIPS 180-2 test vectors. */
class Sha256Test {

    @Test
    void theDigestOfAbcIsTheFipsTestVector(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("abc.txt"), "abc", StandardCharsets.US_ASCII);
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.of(file));
    }

    @Test
    void theDigestOfAnEmptyFileIsTheEmptyStringDigest(@TempDir Path dir) throws IOException {
        Path file = Files.createFile(dir.resolve("empty"));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256.of(file));
    }

    @Test
    void theDigestOfAMillionAsIsTheFipsTestVector(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("a.txt"), "a".repeat(1_000_000).getBytes(StandardCharsets.US_ASCII));
        assertEquals("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Sha256.of(file));
    }

    @Test
    void aFileLargerThanTheReadBufferIsDigestedWhole(@TempDir Path dir) throws Exception {
        assertDigestedWhole(dir.resolve("weights.bin"), 3 * (1 << 20) + 12345, 7);
    }

    /** Past 16 MB a file is read a piece ahead on another thread: every piece, in order, the last one short. */
    @Test
    void aFileReadAheadWhileItIsHashedIsDigestedWhole(@TempDir Path dir) throws Exception {
        assertDigestedWhole(dir.resolve("large.bin"), 41 * (1 << 20) + 7, 11);
    }

    /** A file of {@code size} random bytes has the digest MessageDigest gives those bytes in memory. */
    private static void assertDigestedWhole(Path file, int size, long seed) throws Exception {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Files.write(file, bytes);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals(expected, Sha256.of(file));
    }

    @Test
    void aFolderIsAnIoError(@TempDir Path dir) {
        assertThrows(IOException.class, () -> Sha256.of(dir));
    }

    @Test
    void aMissingFileIsAnIoError(@TempDir Path dir) {
        assertThrows(IOException.class, () -> Sha256.of(dir.resolve("absent")));
    }

    @Test
    void bytesInMemoryHaveTheSameDigestAsAFileOfThem() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Sha256.of("abc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256.of(new byte[0]));
    }

    @Test
    void aDigestFedInPiecesIsFinishedAndResetByHex() {
        MessageDigest digest = Sha256.newDigest();
        digest.update("a".getBytes(StandardCharsets.US_ASCII));
        digest.update("bc".getBytes(StandardCharsets.US_ASCII));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.hex(digest));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256.hex(digest));
    }
}
