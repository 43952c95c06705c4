package dev.modeldock.objectstore.internal;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Copies an object to another key inside the store, without the bytes passing through the server:
 * in one request up to S3's limit of 5 GiB for a single copy, and beyond it as a multipart copy
 * (UploadPartCopy) of ranges of {@link #COPY_PART_BYTES}, aborted if any part fails.
 */
public final class ObjectCopy {
    /** S3's largest object a single CopyObject request copies. */
    public static final long SINGLE_COPY_LIMIT = 5L << 30;
    /** A multipart copy's part: between S3's 5 MiB and 5 GiB, few enough requests for any size. */
    static final long COPY_PART_BYTES = 512L << 20;

    private ObjectCopy() {
    }

    /** Copies {@code from} (of {@code size} bytes) to {@code to} in {@code bucket}. */
    public static void copy(S3Client s3, String bucket, String from, String to, long size) {
        if (size <= SINGLE_COPY_LIMIT) {
            s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(from).destinationBucket(bucket).destinationKey(to));
            return;
        }
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(to)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long start = 0; start < size; start += COPY_PART_BYTES) {
                int number = parts.size() + 1;
                String range = "bytes=" + start + "-" + (Math.min(start + COPY_PART_BYTES, size) - 1);
                String etag = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey(from).destinationBucket(bucket)
                        .destinationKey(to).uploadId(uploadId).partNumber(number).copySourceRange(range))
                        .copyPartResult().eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(to).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(to).uploadId(uploadId));
            } catch (RuntimeException abort) {
                e.addSuppressed(abort);
            }
            throw e;
        }
    }
}
