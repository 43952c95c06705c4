package dev.modeldock.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * A store of named objects outside the database, such as an S3 bucket, in which
 * {@link ObjectStoreArtifacts} keeps artifact bytes: each artifact as one object named by its
 * SHA-256, and each upload first as a staging object named by an id of its own. The registry keeps
 * the rows (which artifacts exist, which uploads are under way); an object store only moves bytes.
 *
 * <p>Failures of the store (unreachable, refused credentials, no such bucket) are thrown as
 * {@link dev.modeldock.plugin.ModelDockException}s naming the object and what to do, never a credential.
 */
public interface ObjectStore extends AutoCloseable {

    /** Where the objects are, for messages, e.g. {@code s3://bucket/prefix}; it names no credential. */
    String location();

    /** Starts writing the staging object {@code stagingId}; nothing is visible until it is completed. */
    ObjectUpload upload(String stagingId) throws IOException;

    /**
     * Makes the completed staging object {@code stagingId} the object of {@code sha256}, with a copy
     * inside the store; when that object exists already it is kept as it is. The staging object is
     * left for {@link #deleteStaging}.
     */
    void promote(String stagingId, String sha256) throws IOException;

    /**
     * The object of {@code sha256}, as stored: verifying it is the caller's.
     *
     * @throws NoSuchFileException when there is no such object
     */
    InputStream read(String sha256) throws IOException;

    /**
     * Bytes {@code [offset, offset + length)} of the object of {@code sha256}, which the caller has
     * checked lie inside it.
     *
     * @throws NoSuchFileException when there is no such object
     */
    InputStream read(String sha256, long offset, long length) throws IOException;

    /**
     * Deletes the staging object {@code stagingId} and, when {@code uploadId} is not null, aborts
     * that unfinished upload of it. Nothing happens for what is gone already.
     */
    void deleteStaging(String stagingId, String uploadId) throws IOException;

    /** Deletes the object of {@code sha256}; nothing happens if it is gone already. */
    void delete(String sha256) throws IOException;

    /** The SHA-256 of every artifact object in the store. */
    List<String> sha256s() throws IOException;

    /** The id of every staging object in the store. */
    List<String> stagingIds() throws IOException;

    /** Releases the connections; failures are not reported. */
    @Override
    void close();
}
