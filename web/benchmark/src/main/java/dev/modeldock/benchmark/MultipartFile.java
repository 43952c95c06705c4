package dev.modeldock.benchmark;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body of a registry upload: a {@code metadata} part (the import
 * metadata JSON) and a {@code file} part (the ONNX model), the file streamed from disk as the
 * request is sent. Whatever the file's size, sending it holds a few buffers, and the length is
 * known up front so the request carries a Content-Length rather than being chunked.
 */
public final class MultipartFile {
    private final Path file;
    private final String boundary = "modeldock-" + UUID.randomUUID();
    private final byte[] head;
    private final byte[] tail;

    public MultipartFile(Path file, String metadataJson) {
        this.file = file;
        this.head = ("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json\r\n\r\n"
                + metadataJson + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName() + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        this.tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The body, read from the file again each time the client (re)sends it. */
    public BodyPublisher publisher() throws IOException {
        long length = head.length + Files.size(file) + tail.length;
        return BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(this::open), length);
    }

    private InputStream open() {
        try {
            List<InputStream> parts = List.of(new ByteArrayInputStream(head), Files.newInputStream(file),
                    new ByteArrayInputStream(tail));
            return new SequenceInputStream(Collections.enumeration(parts));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
