package dev.modeldock.registry.internal;

import dev.modeldock.plugin.Sha256;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * An upload's bytes on their way into a store, hashed and counted as they pass: the bytes are read
 * once, and the SHA-256 of the whole is known when the store has them all. Not closed by the store,
 * like the stream it wraps.
 */
public final class HashingInput extends FilterInputStream {
    private final MessageDigest digest = Sha256.newDigest();
    private long count;

    public HashingInput(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            digest.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            digest.update(buffer, offset, n);
            count += n;
        }
        return n;
    }

    /** Skipping would leave bytes unhashed: they are read instead. */
    @Override
    public long skip(long n) throws IOException {
        return n <= 0 ? 0 : readNBytes((int) Math.min(n, 1 << 16)).length;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** The SHA-256 of the bytes read so far; call it once, when the input is at its end. */
    public String sha256() {
        return Sha256.hex(digest);
    }

    public long count() {
        return count;
    }
}
