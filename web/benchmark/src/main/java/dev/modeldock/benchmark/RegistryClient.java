package dev.modeldock.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modeldock.plugin.ModelDockException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The few registry calls a benchmark makes, as an API client makes them: over HTTP/1.1 with
 * {@code java.net.http}, each client with its own connections, files streamed both ways.
 */
public final class RegistryClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI api;
    private final String token;

    /** @param api the server's {@code http://host:port/api/v1} */
    public RegistryClient(URI api, String token) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.api = api;
        this.token = token;
    }

    public void createModel(String name, String description, List<String> tags) throws IOException,
            InterruptedException {
        String body = JSON.writeValueAsString(Map.of("name", name, "description", description, "tags", tags));
        send(request("/models").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body)).build(), 201);
    }

    public void deleteModel(String name) throws IOException, InterruptedException {
        send(request("/models/" + name).DELETE().build(), 204);
    }

    /** Uploads an ONNX file as a new version of {@code model}; the answer is the version as JSON. */
    public JsonNode uploadVersion(String model, Path onnx, String metadata) throws IOException,
            InterruptedException {
        MultipartFile body = new MultipartFile(onnx, metadata);
        return JSON.readTree(send(request("/models/" + model + "/versions")
                .header("Content-Type", body.contentType()).POST(body.publisher()).build(), 201));
    }

    /** Downloads a version's artifact into {@code target}; the answer's body is that file. */
    public HttpResponse<Path> download(String model, int version, Path target) throws IOException,
            InterruptedException {
        HttpResponse<Path> response = http.send(request("/models/" + model + "/versions/" + version + "/artifact")
                .GET().build(), BodyHandlers.ofFile(target));
        if (response.statusCode() != 200) {
            throw new ModelDockException("GET of the artifact answered " + response.statusCode());
        }
        return response;
    }

    /** {@code GET /api/v1/models} with the server's default paging; the answer's status and body. */
    public HttpResponse<String> listModels() throws IOException, InterruptedException {
        return http.send(request("/models").GET().build(), BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(api + path)).header("Authorization", "Bearer " + token);
    }

    private String send(HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            String body = response.body();
            throw new ModelDockException(request.method() + " " + request.uri().getPath() + " answered "
                    + response.statusCode() + " instead of " + expected + ": "
                    + body.substring(0, Math.min(body.length(), 500)));
        }
        return response.body();
    }
}
