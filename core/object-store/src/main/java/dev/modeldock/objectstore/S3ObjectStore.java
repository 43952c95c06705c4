package dev.modeldock.objectstore;

import dev.modeldock.objectstore.internal.ObjectCopy;
import dev.modeldock.objectstore.internal.PartedUpload;
import dev.modeldock.objectstore.internal.S3Errors;
import dev.modeldock.registry.ObjectStore;
import dev.modeldock.registry.ObjectUpload;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The registry's {@link ObjectStore} in an S3 bucket: artifact objects at
 * {@code <prefix>/sha256/<sha256>}, uploads at {@code <prefix>/staging/<id>}, written as multipart
 * uploads ({@link PartedUpload}) and copied inside the store to their SHA-256's key. Safe for
 * concurrent use, as the S3 client is.
 */
public final class S3ObjectStore implements ObjectStore {
    private static final String ARTIFACTS = "sha256/";
    private static final String STAGING = "staging/";

    private final S3Client s3;
    private final S3Location location;
    private final String endpoint;

    private S3ObjectStore(S3Client s3, S3Location location, String endpoint) {
        this.s3 = s3;
        this.location = location;
        this.endpoint = endpoint;
    }

    /**
     * Connects to the store and checks that the bucket is there and the credentials are accepted.
     *
     * @throws dev.modeldock.plugin.ModelDockException saying what to fix: the endpoint, the credentials, the bucket
     */
    public static S3ObjectStore open(S3Settings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        settings.credentials().accessKeyId(), settings.credentials().secretAccessKey())))
                // Bucket in the path, not the host name: what S3-compatible servers on one address need.
                .forcePathStyle(true)
                // The SDK's default trailing checksums are refused by many S3-compatible servers; the
                // registry verifies every read by SHA-256 itself.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create());
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        S3ObjectStore store = new S3ObjectStore(builder.build(), settings.location(), settings.endpointName());
        try {
            store.call("open bucket " + settings.location().bucket(),
                    () -> store.s3.headBucket(b -> b.bucket(settings.location().bucket())));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    @Override
    public String location() {
        return location.toString();
    }

    @Override
    public ObjectUpload upload(String stagingId) {
        return PartedUpload.begin(s3, location.bucket(), stagingKey(stagingId), endpoint);
    }

    @Override
    public void promote(String stagingId, String sha256) {
        String from = stagingKey(stagingId);
        String to = artifactKey(sha256);
        if (exists(to)) {
            return;
        }
        long size = call("read the size of " + url(from),
                () -> s3.headObject(b -> b.bucket(location.bucket()).key(from)).contentLength());
        call("copy " + url(from) + " to " + url(to), () -> {
            ObjectCopy.copy(s3, location.bucket(), from, to, size);
            return null;
        });
    }

    @Override
    public InputStream read(String sha256) throws NoSuchFileException {
        String key = artifactKey(sha256);
        return fetch(key, () -> s3.getObject(b -> b.bucket(location.bucket()).key(key)));
    }

    @Override
    public InputStream read(String sha256, long offset, long length) throws NoSuchFileException {
        if (length == 0) {
            return new ByteArrayInputStream(new byte[0]);
        }
        String key = artifactKey(sha256);
        String range = "bytes=" + offset + "-" + (offset + length - 1);
        return fetch(key, () -> s3.getObject(b -> b.bucket(location.bucket()).key(key).range(range)));
    }

    @Override
    public void deleteStaging(String stagingId, String uploadId) {
        String key = stagingKey(stagingId);
        if (uploadId != null) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(location.bucket()).key(key).uploadId(uploadId));
            } catch (SdkException e) {
                if (!S3Errors.isMissing(e)) {
                    throw S3Errors.explain(e, "abort the upload of " + url(key), endpoint, location.bucket());
                }
            }
        }
        deleteKey(key);
    }

    @Override
    public void delete(String sha256) {
        deleteKey(artifactKey(sha256));
    }

    @Override
    public List<String> sha256s() {
        return names(ARTIFACTS);
    }

    @Override
    public List<String> stagingIds() {
        return names(STAGING);
    }

    @Override
    public void close() {
        s3.close();
    }

    @Override
    public String toString() {
        return "S3ObjectStore[" + location + " at " + endpoint + "]";
    }

    private InputStream fetch(String key, Supplier<InputStream> get) throws NoSuchFileException {
        try {
            return get.get();
        } catch (SdkException e) {
            if (S3Errors.isMissing(e)) {
                throw new NoSuchFileException(url(key));
            }
            throw S3Errors.explain(e, "read " + url(key), endpoint, location.bucket());
        }
    }

    private boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(location.bucket()).key(key));
            return true;
        } catch (SdkException e) {
            if (S3Errors.isMissing(e)) {
                return false;
            }
            throw S3Errors.explain(e, "look up " + url(key), endpoint, location.bucket());
        }
    }

    private void deleteKey(String key) {
        // S3 answers a delete of a missing key with success: nothing to tell apart.
        call("delete " + url(key), () -> s3.deleteObject(b -> b.bucket(location.bucket()).key(key)));
    }

    /** The names under {@code folder} of the prefix; some servers list folders themselves, which end in '/'. */
    private List<String> names(String folder) {
        String prefix = location.key(folder);
        return call("list " + url(prefix), () -> s3.listObjectsV2Paginator(b -> b.bucket(location.bucket())
                        .prefix(prefix)).contents().stream().map(S3Object::key)
                .filter(key -> key.length() > prefix.length() && !key.endsWith("/"))
                .map(key -> key.substring(prefix.length())).filter(name -> !name.contains("/")).toList());
    }

    private <T> T call(String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw S3Errors.explain(e, action, endpoint, location.bucket());
        }
    }

    private String artifactKey(String sha256) {
        return location.key(ARTIFACTS + sha256);
    }

    private String stagingKey(String stagingId) {
        return location.key(STAGING + stagingId);
    }

    private String url(String key) {
        return "s3://" + location.bucket() + "/" + key;
    }
}
