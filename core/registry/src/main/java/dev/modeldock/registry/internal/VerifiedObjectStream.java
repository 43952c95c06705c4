package dev.modeldock.registry.internal;

import dev.modeldock.plugin.Sha256;
import dev.modeldock.registry.CorruptArtifactException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A whole artifact read from an object store, hashed as it passes. The object is opened at the
 * first read, so that a lost object is reported as corruption while reading, like a lost chunk.
 * Before the read that would hand out the last bytes returns, the SHA-256 of the whole and the
 * length are checked; on a mismatch those bytes are wiped from the caller's buffer and
 * {@link CorruptArtifactException} is thrown, then again on every later read.
 */
public final class VerifiedObjectStream extends InputStream {
    /** Opens the object's bytes; the object store's read. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    private final Opener opener;
    private final String sha256;
    private final long size;
    private final String location;
    private final MessageDigest digest = Sha256.newDigest();
    private final byte[] single = new byte[1];
    private InputStream in;
    private long position;
    private boolean checked;
    private CorruptArtifactException corruption;

    /** The artifact {@code sha256} of {@code size} bytes, in the object at {@code location} (for messages). */
    public VerifiedObjectStream(Opener opener, String sha256, long size, String location) {
        this.opener = opener;
        this.sha256 = sha256;
        this.size = size;
        this.location = location;
    }

    @Override
    public int read() throws IOException {
        return read(single, 0, 1) < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (corruption != null) {
            throw corruption;
        }
        if (in == null) {
            try {
                in = opener.open();
            } catch (NoSuchFileException e) {
                throw corrupt("its object " + location + " is missing");
            }
        }
        if (position == size) {
            verifyEnd();
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        int n = in.read(buffer, offset, (int) Math.min(length, size - position));
        if (n < 0) {
            throw corrupt("its object " + location + " holds only " + position + " bytes, expected " + size);
        }
        digest.update(buffer, offset, n);
        position += n;
        if (position == size) {
            try {
                verifyEnd();
            } catch (CorruptArtifactException e) {
                Arrays.fill(buffer, offset, offset + n, (byte) 0);
                throw e;
            }
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            in.close();
        }
    }

    private void verifyEnd() throws IOException {
        if (checked) {
            return;
        }
        if (in.read() >= 0) {
            throw corrupt("its object " + location + " is longer than the " + size + " bytes stored");
        }
        String actual = Sha256.hex(digest);
        if (!actual.equals(sha256)) {
            throw corrupt("its object " + location + " has SHA-256 " + actual);
        }
        checked = true;
    }

    private CorruptArtifactException corrupt(String detail) {
        corruption = new CorruptArtifactException("artifact " + sha256 + " is corrupt: " + detail);
        return corruption;
    }
}
