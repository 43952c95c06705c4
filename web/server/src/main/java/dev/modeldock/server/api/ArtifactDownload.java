package dev.modeldock.server.api;

import dev.modeldock.registry.Version;
import dev.modeldock.service.VersionService;
import io.javalin.http.Context;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams a version's artifact out of the registry: the SHA-256 as a strong ETag, single byte
 * ranges (RFC 9110) for resumed downloads, and each chunk verified before it is sent.
 */
final class ArtifactDownload {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final VersionService versions;

    ArtifactDownload(VersionService versions) {
        this.versions = versions;
    }

    void send(Context ctx, Version version) throws java.io.IOException {
        String etag = "\"" + version.artifactSha256() + "\"";
        long size = version.sizeBytes();
        ctx.header("ETag", etag);
        ctx.header("Accept-Ranges", "bytes");
        ctx.header("Content-Disposition", "attachment; filename=\"" + version.model() + "-v" + version.number()
                + ".onnx\"");
        ctx.contentType("application/octet-stream");
        if (matchesAny(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return;
        }
        String range = ctx.header("Range");
        String ifRange = ctx.header("If-Range");
        if (range == null || (ifRange != null && !ifRange.equals(etag))) {
            ctx.header("Content-Length", String.valueOf(size));
            ctx.result(versions.openArtifact(version));
            return;
        }
        long[] span = parse(range, size);
        if (span == null) {
            ctx.header("Content-Length", String.valueOf(size));
            ctx.result(versions.openArtifact(version));
            return;
        }
        if (span.length == 0) {
            ctx.header("Content-Range", "bytes */" + size);
            throw new ApiException(416, "range '" + range + "' is outside the artifact's " + size + " bytes");
        }
        long length = span[1] - span[0] + 1;
        ctx.status(206);
        ctx.header("Content-Range", "bytes " + span[0] + "-" + span[1] + "/" + size);
        ctx.header("Content-Length", String.valueOf(length));
        ctx.result(versions.openArtifact(version, span[0], length));
    }

    /**
     * Whether an If-None-Match header names this entity tag: it may list several, mark them weak
     * ({@code W/"..."}, compared weakly as RFC 9110 asks), or be {@code *} for any.
     */
    static boolean matchesAny(String header, String etag) {
        if (header == null) {
            return false;
        }
        for (String tag : header.split(",")) {
            String candidate = tag.strip();
            if (candidate.startsWith("W/")) {
                candidate = candidate.substring(2);
            }
            if (candidate.equals("*") || candidate.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first and last byte of a single range; null for a header this server ignores (several
     * ranges, another unit: the whole artifact is sent); an empty array for an unsatisfiable range.
     */
    static long[] parse(String header, long size) {
        Matcher m = RANGE.matcher(header.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        try {
            if (m.group(1).isEmpty()) { // a suffix: the last N bytes
                long n = Long.parseLong(m.group(2));
                return n == 0 || size == 0 ? new long[0] : new long[] {Math.max(0, size - n), size - 1};
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            if (first >= size || last < first) {
                return new long[0];
            }
            return new long[] {first, last};
        } catch (NumberFormatException tooLong) {
            return new long[0];
        }
    }
}
