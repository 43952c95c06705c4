package dev.modeldock.registry;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An upload of a staging object to an {@link ObjectStore}: bytes written here go to the store in
 * parts, and become an object only when {@link #complete()} returns. Closing it does not complete it.
 */
public abstract class ObjectUpload extends OutputStream {

    /** The store's id of this upload, which {@link ObjectStore#deleteStaging} aborts after a crash. */
    public abstract String uploadId();

    /** Sends what is left and makes the staging object of every byte written. */
    public abstract void complete() throws IOException;

    /**
     * Gives the upload up and drops the parts sent so far. A failure to do so is added to
     * {@code failure} rather than thrown, so the caller reports the original problem.
     */
    public abstract void abort(Throwable failure);
}
