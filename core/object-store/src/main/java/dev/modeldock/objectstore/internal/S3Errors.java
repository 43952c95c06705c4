package dev.modeldock.objectstore.internal;

import dev.modeldock.plugin.ModelDockException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns what the S3 client throws into a {@link ModelDockException} that names the endpoint, the
 * bucket and key, and what to do. The credentials are never part of it: S3's own error messages are
 * left out for refused requests, and only its error code is quoted.
 */
public final class S3Errors {
    private S3Errors() {
    }

    /**
     * @param action   what was being done, e.g. "upload part 3 of s3://b/p/staging/x"
     * @param endpoint the endpoint as messages name it
     * @param bucket   the bucket
     */
    public static ModelDockException explain(SdkException e, String action, String endpoint, String bucket) {
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            int status = s3.statusCode();
            if (status == 403 || "InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code)
                    || "AccessDenied".equals(code)) {
                return new ModelDockException("cannot " + action + ": the object store at " + endpoint + " refused"
                        + " the credentials (HTTP " + status + (code == null ? "" : ", " + code) + "); check"
                        + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or the credentials file) and that they may"
                        + " read and write bucket " + bucket, null);
            }
            if ("NoSuchBucket".equals(code) || (status == 404 && code == null)) {
                return new ModelDockException("cannot " + action + ": bucket " + bucket + " does not exist at "
                        + endpoint + "; create it, or give another bucket in --artifact-store", null);
            }
            return new ModelDockException("cannot " + action + ": the object store at " + endpoint + " answered HTTP "
                    + status + (code == null ? "" : " " + code), null);
        }
        if (e instanceof SdkClientException) {
            return new ModelDockException("cannot " + action + ": the object store at " + endpoint + " cannot be"
                    + " reached (" + rootMessage(e) + "); check the endpoint (MODELDOCK_S3_ENDPOINT or"
                    + " --artifact-store-endpoint) and that the server runs", null);
        }
        return new ModelDockException("cannot " + action + " at " + endpoint + ": " + rootMessage(e), null);
    }

    /** Whether S3 said the object or upload is not there. */
    public static boolean isMissing(SdkException e) {
        return e instanceof S3Exception s3 && s3.statusCode() == 404;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
