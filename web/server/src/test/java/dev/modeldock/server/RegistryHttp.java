package dev.modeldock.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** A client of the registry's HTTP API as a script would use it: bearer token, JSON, multipart uploads. */
final class RegistryHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String token;

    /** @param base e.g. {@code http://localhost:7070} */
    RegistryHttp(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** A status and the body as JSON (null when empty). */
    record Answer(int status, JsonNode body) {
        Answer expect(int expected) {
            if (status != expected) {
                throw new AssertionError("expected HTTP " + expected + ", got " + status + ": " + body);
            }
            return this;
        }
    }

    Answer get(String path) {
        return send(request(path).GET().build());
    }

    /** A job's event stream, read to its end: for a finished job, the stream ends after its last event. */
    String events(String jobId) {
        String path = "/api/v1/jobs/" + jobId + "/events";
        try {
            return client.send(request(path).header("Accept", "text/event-stream").GET().build(),
                    BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json)).build());
    }

    /** Creates a model with no versions. */
    void createModel(String name) {
        postJson("/api/v1/models", "{\"name\": \"" + name + "\"}").expect(201);
    }

    /** Uploads an ONNX file with its import metadata as a new version of {@code model}. */
    Answer upload(String model, Path onnx, String metadata) {
        return send(uploadRequest(model, onnx, metadata));
    }

    /** Starts the same upload without waiting for the answer. */
    CompletableFuture<HttpResponse<String>> uploadAsync(String model, Path onnx, String metadata) {
        return client.sendAsync(uploadRequest(model, onnx, metadata), BodyHandlers.ofString());
    }

    private HttpRequest uploadRequest(String model, Path onnx, String metadata) {
        String boundary = "modeldock-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + metadata + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + onnx.getFileName() + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        BodyPublisher body;
        try {
            body = BodyPublishers.concat(BodyPublishers.ofString(head, StandardCharsets.UTF_8),
                    BodyPublishers.ofFile(onnx), BodyPublishers.ofString(tail, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return request("/api/v1/models/" + model + "/versions")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(body).build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token);
    }

    private Answer send(HttpRequest request) {
        try {
            return answer(client.send(request, BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Answer answer(HttpResponse<String> response) {
        try {
            String text = response.body();
            return new Answer(response.statusCode(), text == null || text.isBlank() ? null : JSON.readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException("the answer is not JSON: " + response.body(), e);
        }
    }
}
