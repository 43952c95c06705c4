package dev.modeldock.server.api;

import dev.modeldock.registry.Limits;
import dev.modeldock.registry.Names;
import io.javalin.http.Context;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;

/**
 * The multipart/form-data body of an upload, read and checked before anything is stored: exactly
 * one {@code file} part (with a file name of at most {@value #MAX_FILE_NAME} characters and no
 * control characters), exactly one {@code metadata} part (a field or a file, at most
 * {@value #MAX_METADATA_BYTES} bytes), and nothing else. A body Jetty cannot parse (no boundary, cut
 * short, a part without {@code Content-Disposition}) is a 400; one over a size limit a 413.
 *
 * @param file     the ONNX model, as Jetty spooled it
 * @param fileName the name the client gave it
 * @param metadata the import metadata JSON text
 */
record UploadForm(Part file, String fileName, String metadata) {
    /** Import metadata is a small document; even thousands of labels fit well within this. */
    static final int MAX_METADATA_BYTES = 4 << 20;
    /** What file systems allow for one name. */
    static final int MAX_FILE_NAME = Limits.FILE_NAME;

    static UploadForm read(Context ctx) {
        requireBoundary(ctx.contentType());
        Part file = null;
        Part metadata = null;
        for (Part part : parts(ctx)) {
            String name = part.getName();
            if (name == null || name.isEmpty()) {
                throw new ApiException(400, "a part of the multipart request has no name in its Content-Disposition");
            }
            if (name.equals("file")) {
                file = once(file, part);
            } else if (name.equals("metadata")) {
                metadata = once(metadata, part);
            } else {
                throw new ApiException(400, "the multipart request has a part '" + Names.printable(name)
                        + "'; an upload takes only 'file' and 'metadata'");
            }
        }
        if (file == null || file.getSubmittedFileName() == null) {
            throw new ApiException(400, "the multipart request needs a 'file' part holding the ONNX model, with a"
                    + " filename in its Content-Disposition");
        }
        String fileName = fileName(file.getSubmittedFileName());
        if (metadata == null) {
            throw new ApiException(400, "the multipart request needs a 'metadata' part holding the import metadata"
                    + " JSON");
        }
        String text = text(metadata);
        if (text.isBlank()) {
            throw new ApiException(400, "the 'metadata' part is empty; it holds the import metadata JSON");
        }
        return new UploadForm(file, fileName, text);
    }

    static void requireBoundary(String contentType) {
        for (String parameter : String.valueOf(contentType).split(";")) {
            String p = parameter.strip();
            if (p.regionMatches(true, 0, "boundary=", 0, 9) && !p.substring(9).replace("\"", "").isBlank()) {
                return;
            }
        }
        throw new ApiException(400, "the multipart request's Content-Type has no boundary");
    }

    /** Every part, as Jetty parsed them; its failures are the client's, answered as such. */
    static Collection<Part> parts(Context ctx) {
        try {
            ctx.uploadedFileMap(); // lets Javalin apply the server's multipart limits before Jetty parses
            return ctx.req().getParts();
        } catch (IOException | ServletException | RuntimeException e) {
            throw malformed(e);
        }
    }

    private static ApiException malformed(Exception e) {
        String message = null;
        for (Throwable t = e; t != null && message == null; t = t.getCause()) {
            message = t.getMessage();
        }
        String said = message == null ? e.getClass().getSimpleName() : message;
        String lower = said.toLowerCase(Locale.ROOT);
        if (lower.contains("exceeds max") || lower.contains("larger than max") || lower.contains("too large")) {
            return new ApiException(413, "the upload is larger than this server accepts", Names.printable(said));
        }
        if (lower.contains("content-disposition")) {
            return new ApiException(400, "a part of the multipart request has no Content-Disposition header",
                    Names.printable(said));
        }
        if (lower.contains("no name")) {
            return new ApiException(400, "a part of the multipart request has no name in its Content-Disposition",
                    Names.printable(said));
        }
        if (lower.contains("not form-data")) {
            return new ApiException(400, "a part of the multipart request is not form-data in its"
                    + " Content-Disposition", Names.printable(said));
        }
        if (lower.contains("too many parts")) {
            return new ApiException(413, "the multipart request has too many parts", Names.printable(said));
        }
        if (lower.contains("incomplete") || lower.contains("eof") || lower.contains("initial multi part boundary")) {
            return new ApiException(400, "the multipart request ends before its closing boundary",
                    Names.printable(said));
        }
        return new ApiException(400, "the multipart request is malformed", Names.printable(said));
    }

    private static Part once(Part seen, Part part) {
        if (seen != null) {
            throw new ApiException(400, "the multipart request has more than one '" + part.getName() + "' part");
        }
        return part;
    }

    private static String fileName(String name) {
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_FILE_NAME) {
            throw new ApiException(400, "the 'file' part's file name must have 1 to " + MAX_FILE_NAME
                    + " characters: '" + Names.printable(name) + "'");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw new ApiException(400, "the 'file' part's file name holds control characters: '"
                    + Names.printable(name) + "'");
        }
        return name;
    }

    private static String text(Part part) {
        try (InputStream in = part.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_METADATA_BYTES + 1);
            if (bytes.length > MAX_METADATA_BYTES) {
                throw new ApiException(413, "the 'metadata' part is over " + MAX_METADATA_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw malformed(e);
        }
    }
}
