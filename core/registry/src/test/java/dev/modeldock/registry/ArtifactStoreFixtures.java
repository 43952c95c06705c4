package dev.modeldock.registry;

import dev.modeldock.plugin.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.SplittableRandom;

/** Bytes and inputs for the artifact store's tests. */
final class ArtifactStoreFixtures {
    static final int CHUNK = DatabaseArtifacts.CHUNK_BYTES;
    /** The writer these tests store as: no server row names it, so its leftovers are anyone's to sweep. */
    static final String WRITER = "writer-without-a-server";

    private ArtifactStoreFixtures() {
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        return Sha256.of(bytes);
    }

    /** The SHA-256 of everything {@code in} gives, read to its end. */
    static String sha256(InputStream in) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[64 * 1024];
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static long rows(RegistryDatabase db, String table) {
        return count(db, "SELECT COUNT(*) FROM " + table);
    }

    static long count(RegistryDatabase db, String query) {
        return db.jdbi().withHandle(h -> h.createQuery(query).mapTo(Long.class).one());
    }

    /** Replaces the stored bytes of one chunk, leaving its recorded digest as it was. */
    static void overwriteChunk(RegistryDatabase db, String sha256, int seq, byte[] data) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE content_chunk SET data = :data WHERE seq = :seq"
                        + " AND content_id = (SELECT content_id FROM artifact WHERE sha256 = :sha)")
                .bind("data", data).bind("seq", seq).bind("sha", sha256).execute());
    }

    /**
     * {@code size} pseudo-random bytes made as they are read, so that a large input needs no
     * memory. The bytes depend only on the seed, not on how the reader asks for them.
     */
    static final class GeneratedInput extends InputStream {
        private final SplittableRandom random;
        private final byte[] block = new byte[64 * 1024];
        private long remaining;
        private int blockPosition = block.length;

        GeneratedInput(long size, long seed) {
            this.remaining = size;
            this.random = new SplittableRandom(seed);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (remaining == 0) {
                return -1;
            }
            if (blockPosition == block.length) {
                random.nextBytes(block);
                blockPosition = 0;
            }
            int count = (int) Math.min(Math.min(length, block.length - blockPosition), remaining);
            System.arraycopy(block, blockPosition, buffer, offset, count);
            blockPosition += count;
            remaining -= count;
            return count;
        }
    }

    /** Gives {@code good} bytes, then fails as a dropped connection would. */
    static final class FailingInput extends InputStream {
        private final InputStream bytes;

        FailingInput(long good) {
            this.bytes = new GeneratedInput(good, 1);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = bytes.read(buffer, offset, length);
            if (n < 0) {
                throw new IOException("connection reset by peer");
            }
            return n;
        }
    }
}
