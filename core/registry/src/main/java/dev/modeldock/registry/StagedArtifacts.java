package dev.modeldock.registry;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.internal.HashingInput;
import dev.modeldock.registry.internal.VerifiedFileCopy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both artifact stores do the same way: an upload is staged while its SHA-256 is computed on
 * the way in, refused when it is not the expected one, and only then published; a copy to a file
 * is verified before it is moved into place; digests and ranges from callers are checked.
 */
abstract class StagedArtifacts implements ArtifactStore {
    private static final Logger LOG = LoggerFactory.getLogger(StagedArtifacts.class);
    /** A SHA-256 as the registry writes it, {@link dev.modeldock.plugin.Sha256}'s form. */
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Bytes that have all arrived in the store but are not an artifact yet. */
    interface Staged {
        /** Makes the staged bytes the artifact {@code sha256}, or drops them if it exists already. */
        StoredArtifact publish(String sha256, long sizeBytes) throws IOException;

        /** Removes the staged bytes; a failure to do so is added to {@code failure}, not thrown. */
        void discard(Throwable failure);
    }

    /**
     * Copies {@code in} to its end into the store's staging area. On failure the implementation
     * removes what it staged before it throws.
     */
    abstract Staged stageBytes(InputStream in) throws IOException;

    @Override
    public final StoredArtifact put(InputStream in) throws IOException {
        return store(in, null);
    }

    @Override
    public final StoredArtifact put(InputStream in, String expectedSha256) throws IOException {
        return store(in, requireSha256(expectedSha256));
    }

    @Override
    public final PendingArtifact stage(InputStream in) throws IOException {
        HashingInput hashing = new HashingInput(in);
        return new Pending(stageBytes(hashing), hashing.sha256(), hashing.count());
    }

    @Override
    public final void copyTo(String sha256, Path file) throws IOException {
        VerifiedFileCopy.copy(open(sha256), file);
    }

    private StoredArtifact store(InputStream in, String expectedSha256) throws IOException {
        try (PendingArtifact pending = stage(in)) {
            if (expectedSha256 != null && !expectedSha256.equals(pending.sha256())) {
                throw new ModelDockException("the uploaded bytes have SHA-256 " + pending.sha256() + ", not the"
                        + " expected " + expectedSha256 + "; nothing was stored");
            }
            return pending.publish();
        }
    }

    /** Staged bytes with their digest, published once or removed when closed. */
    private static final class Pending implements PendingArtifact {
        private final Staged staged;
        private final String sha256;
        private final long sizeBytes;
        private boolean ended;

        Pending(Staged staged, String sha256, long sizeBytes) {
            this.staged = staged;
            this.sha256 = sha256;
            this.sizeBytes = sizeBytes;
        }

        @Override
        public String sha256() {
            return sha256;
        }

        @Override
        public long sizeBytes() {
            return sizeBytes;
        }

        @Override
        public synchronized StoredArtifact publish() throws IOException {
            if (ended) {
                throw new IllegalStateException("the upload of " + sha256 + " was published or removed already");
            }
            ended = true;
            try {
                return staged.publish(sha256, sizeBytes);
            } catch (IOException | RuntimeException e) {
                staged.discard(e);
                throw e;
            }
        }

        @Override
        public synchronized void close() {
            if (ended) {
                return;
            }
            ended = true;
            RuntimeException removal = new IllegalStateException("removing the unpublished upload of " + sha256);
            staged.discard(removal);
            if (removal.getSuppressed().length > 0) {
                LOG.warn("the unpublished upload of {} is left for the staging sweep: {}", sha256,
                        removal.getSuppressed()[0].getMessage());
            }
        }
    }

    /**
     * Returns {@code value} when it is a SHA-256 in the registry's form.
     *
     * @throws ModelDockException naming the value, shortened and with control characters escaped,
     *                            since it may come from a URL or a client and end up in a log line
     */
    static String requireSha256(String value) {
        if (value == null) {
            throw new ModelDockException("no SHA-256 given: expected 64 lowercase hexadecimal characters");
        }
        if (!SHA256.matcher(value).matches()) {
            throw new ModelDockException("'" + Names.printable(value) + "' is not a SHA-256: expected 64 lowercase"
                    + " hexadecimal characters");
        }
        return value;
    }

    /** Checks that {@code [offset, offset + length)} lies inside an artifact of {@code sizeBytes}. */
    static void requireRange(String sha256, long sizeBytes, long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("a byte range needs a non-negative offset and length, not offset "
                    + offset + " and length " + length);
        }
        if (offset > sizeBytes - length) {
            throw new IllegalArgumentException("bytes " + offset + " to " + (offset + length) + " (exclusive) lie"
                    + " beyond the end of artifact " + sha256 + ", which has " + sizeBytes + " bytes");
        }
    }

    static ModelDockException notStored(String sha256) {
        return new ModelDockException("no artifact with SHA-256 " + sha256 + " is stored");
    }
}
