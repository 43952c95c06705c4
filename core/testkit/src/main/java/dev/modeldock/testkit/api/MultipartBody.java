package dev.modeldock.testkit.api;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body, such as a registry upload's: a {@code metadata} part (the
 * import metadata JSON) and a {@code file} part (the ONNX model). Files on disk are streamed from
 * disk as the request is sent, so sending one holds a few buffers whatever its size, and every
 * part's length is known up front, so the request carries a Content-Length rather than being chunked.
 */
public final class MultipartBody {
    private final String boundary = "modeldock-" + UUID.randomUUID();
    private final List<BodyPublisher> parts = new ArrayList<>();

    /**
     * The parts of {@code values} in their order: byte arrays as files named after the part
     * ({@code <name>.onnx}), paths as the files they name, anything else as its text.
     */
    public static MultipartBody of(Map<String, ?> values) {
        MultipartBody body = new MultipartBody();
        values.forEach((name, value) -> {
            if (value instanceof byte[] bytes) {
                body.file(name, name + ".onnx", bytes);
            } else if (value instanceof Path file) {
                body.file(name, file);
            } else {
                body.field(name, String.valueOf(value));
            }
        });
        return body;
    }

    /** A text field. */
    public MultipartBody field(String name, String value) {
        return part("Content-Disposition: form-data; name=\"" + name + "\"", BodyPublishers.ofString(value,
                StandardCharsets.UTF_8));
    }

    /** A text field holding JSON, marked as such. */
    public MultipartBody json(String name, String json) {
        return part("Content-Disposition: form-data; name=\"" + name + "\"\r\nContent-Type: application/json",
                BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }

    /** A text field holding JSON given as its bytes, which need not be valid UTF-8 (fuzz tests send such). */
    public MultipartBody json(String name, byte[] json) {
        return part("Content-Disposition: form-data; name=\"" + name + "\"\r\nContent-Type: application/json",
                BodyPublishers.ofByteArray(json));
    }

    /** A file given as its bytes. */
    public MultipartBody file(String name, String fileName, byte[] bytes) {
        return part(fileHead(name, fileName), BodyPublishers.ofByteArray(bytes));
    }

    /** A file on disk, read again each time the request is sent. */
    public MultipartBody file(String name, Path file) {
        try {
            return part(fileHead(name, file.getFileName().toString()), BodyPublishers.ofFile(file));
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException("cannot send " + file, e);
        }
    }

    /** The request's Content-Type, naming the boundary. */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The whole body, its length known. */
    public BodyPublisher publisher() {
        List<BodyPublisher> all = new ArrayList<>(parts);
        all.add(BodyPublishers.ofString("--" + boundary + "--\r\n", StandardCharsets.US_ASCII));
        return BodyPublishers.concat(all.toArray(BodyPublisher[]::new));
    }

    private MultipartBody part(String headers, BodyPublisher content) {
        parts.add(BodyPublishers.ofString("--" + boundary + "\r\n" + headers + "\r\n\r\n", StandardCharsets.UTF_8));
        parts.add(content);
        parts.add(BodyPublishers.ofString("\r\n", StandardCharsets.US_ASCII));
        return this;
    }

    private static String fileHead(String name, String fileName) {
        return "Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream";
    }
}
