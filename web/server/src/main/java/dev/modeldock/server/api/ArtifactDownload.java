package dev.modeldock.server.api;

import dev.modeldock.registry.Version;
import dev.modeldock.service.VersionFiles;
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
        String range = ctx.header("Range");
        String ifRange = ctx.header("If-Range");
        boolean notModified = matchesAny(ctx.header("If-None-Match"), etag);
        long[] span = notModified || range == null || (ifRange != null && !ifRange.equals(etag)) ? null
                : parse(range, size);
        if (span != null && span.length == 0) {
            throw new ApiException(416, "range '" + dev.modeldock.registry.Names.printable(range)
                    + "' is outside the artifact's " + size + " bytes").withHeader("Content-Range", "bytes */" + size);
        }
        // Valid from here on: the headers describe what is sent.
        ctx.header("ETag", etag);
        ctx.header("Accept-Ranges", "bytes");
        if (notModified) {
            ctx.status(304);
            return;
        }
        ctx.header("Content-Disposition", "attachment; filename=\"" + version.model() + "-v" + version.number()
                + VersionFiles.extension(version) + "\"");
        ctx.contentType("application/octet-stream");
        if (span == null) {
            ctx.result(versions.openArtifact(version));
            ctx.header("Content-Length", String.valueOf(size));
            return;
        }
        long length = span[1] - span[0] + 1;
        ctx.result(versions.openArtifact(version, span[0], length));
        ctx.status(206);
        ctx.header("Content-Range", "bytes " + span[0] + "-" + span[1] + "/" + size);
        ctx.header("Content-Length", String.valueOf(length));
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
     * As RFC 9110 (14.1.2) says, a last byte at or past the end means the end, and a suffix longer
     * than the artifact means all of it, however large the number; a first byte past the end (2^63
     * included) cannot be satisfied.
     */
    static long[] parse(String header, long size) {
        Matcher m = RANGE.matcher(header.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        if (m.group(1).isEmpty()) { // a suffix: the last N bytes
            long n = number(m.group(2));
            return n == 0 || size == 0 ? new long[0] : new long[] {Math.max(0, size - n), size - 1};
        }
        long first = number(m.group(1));
        long last = m.group(2).isEmpty() ? size - 1 : Math.min(number(m.group(2)), size - 1);
        if (first >= size || last < first) {
            return new long[0];
        }
        return new long[] {first, last};
    }

    /** Decimal digits as a number; past {@link Long#MAX_VALUE}, that, since no artifact is so large. */
    private static long number(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLarge) {
            return Long.MAX_VALUE;
        }
    }
}
