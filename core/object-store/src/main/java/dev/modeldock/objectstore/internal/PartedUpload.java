package dev.modeldock.objectstore.internal;

import dev.modeldock.registry.ObjectUpload;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * A multipart upload of one staging object: bytes are gathered into one part buffer of
 * {@link #PART_BYTES} and sent part by part, so memory stays at about one part (and the client's
 * view of it) whatever the size. The body is handed to the client without a copy.
 *
 * <p>S3 allows 10,000 parts: with 8 MiB parts an object may reach 78 GiB.
 */
public final class PartedUpload extends ObjectUpload {
    /** S3's smallest part but the last is 5 MiB; 8 MiB keeps requests few and memory small. */
    public static final int PART_BYTES = 8 << 20;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String uploadId;
    private final String endpoint;
    private final byte[] part = new byte[PART_BYTES];
    private final List<CompletedPart> sent = new ArrayList<>();
    private int filled;

    private PartedUpload(S3Client s3, String bucket, String key, String uploadId, String endpoint) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.uploadId = uploadId;
        this.endpoint = endpoint;
    }

    /** Starts the multipart upload of {@code key}. */
    public static PartedUpload begin(S3Client s3, String bucket, String key, String endpoint) {
        try {
            String id = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
            return new PartedUpload(s3, bucket, key, id, endpoint);
        } catch (SdkException e) {
            throw S3Errors.explain(e, "start an upload to s3://" + bucket + "/" + key, endpoint, bucket);
        }
    }

    @Override
    public String uploadId() {
        return uploadId;
    }

    @Override
    public void write(int b) {
        part[filled++] = (byte) b;
        if (filled == part.length) {
            sendPart();
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        while (length > 0) {
            int taken = Math.min(length, part.length - filled);
            System.arraycopy(bytes, offset, part, filled, taken);
            filled += taken;
            offset += taken;
            length -= taken;
            if (filled == part.length) {
                sendPart();
            }
        }
    }

    @Override
    public void complete() {
        if (filled > 0 || sent.isEmpty()) {
            // The last part may be short; an empty object is one empty part.
            sendPart();
        }
        try {
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(sent)));
        } catch (SdkException e) {
            throw S3Errors.explain(e, "complete the upload of s3://" + bucket + "/" + key, endpoint, bucket);
        }
    }

    @Override
    public void abort(Throwable failure) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            if (!S3Errors.isMissing(e)) {
                failure.addSuppressed(S3Errors.explain(e, "abort the upload of s3://" + bucket + "/" + key, endpoint,
                        bucket));
            }
        }
    }

    private void sendPart() {
        int number = sent.size() + 1;
        int length = filled;
        byte[] bytes = part;
        try {
            String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                            .contentLength((long) length),
                    RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
                            "application/octet-stream")).eTag();
            sent.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        } catch (SdkException e) {
            throw S3Errors.explain(e, "upload part " + number + " of s3://" + bucket + "/" + key, endpoint, bucket);
        }
        filled = 0;
    }
}
