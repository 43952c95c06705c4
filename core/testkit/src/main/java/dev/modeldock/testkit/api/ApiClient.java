package dev.modeldock.testkit.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A client of the registry server's REST API as a script would use it: one caller (a Bearer token,
 * or none), JSON bodies, multipart uploads streamed from disk, downloads, job polling and the job
 * event stream, over HTTP/1.1 with {@code java.net.http}. Answers come back whatever their status
 * ({@link ApiResponse#expect} checks it); the API calls named after what they do expect success.
 *
 * <p>Each client made with the constructor has connections of its own; {@link #as} shares them.
 */
public final class ApiClient {
    /** How long a request may take unless {@link #withTimeout} says otherwise. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
    /** How long {@link #awaitJob} waits for a job, and twice that {@link #events} for its stream. */
    public static final Duration JOB_DEADLINE = Duration.ofSeconds(60);

    /** The kit's one JSON mapper, for requests, answers and events alike. */
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI server;
    private final String token;
    private final Duration timeout;

    /**
     * @param server the server's root, e.g. {@code http://localhost:7070}; paths are given whole
     *               ({@code /api/v1/models})
     * @param token  the caller's token, or null to call anonymously
     */
    public ApiClient(URI server, String token) {
        this(newHttpClient(), server, token, REQUEST_TIMEOUT);
    }

    private ApiClient(HttpClient http, URI server, String token, Duration timeout) {
        this.http = http;
        this.server = server;
        this.token = token;
        this.timeout = timeout;
    }

    /** A client of the server on {@code localhost:port}. */
    public static ApiClient local(int port, String token) {
        return new ApiClient(URI.create("http://localhost:" + port), token);
    }

    /** Another caller of the same server, over the same connections; null for anonymous. */
    public ApiClient as(String otherToken) {
        return new ApiClient(http, server, otherToken, timeout);
    }

    /** The same caller on connections of its own, as another client process would be. */
    public ApiClient withOwnConnections() {
        return new ApiClient(newHttpClient(), server, token, timeout);
    }

    /** The same caller with another limit on each request; null for none (a long upload of a benchmark). */
    public ApiClient withTimeout(Duration requestTimeout) {
        return new ApiClient(http, server, token, requestTimeout);
    }

    public URI uri(String path) {
        return server.resolve(path);
    }

    public ApiResponse get(String path) {
        return send(request(path).GET());
    }

    public ApiResponse get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = request(path).GET();
        headers.forEach(request::header);
        return send(request);
    }

    public ApiResponse delete(String path) {
        return send(request(path).DELETE());
    }

    /** {@code body} is sent as JSON: a String as it is, anything else written by Jackson. */
    public ApiResponse post(String path, Object body) {
        return send(withJson(request(path), "POST", body));
    }

    public ApiResponse put(String path, Object body) {
        return send(withJson(request(path), "PUT", body));
    }

    public ApiResponse patch(String path, Object body) {
        return send(withJson(request(path), "PATCH", body));
    }

    public ApiResponse post(String path, MultipartBody body) {
        return send(request(path).header("Content-Type", body.contentType()).POST(body.publisher()));
    }

    /** POSTs multipart/form-data made of {@code parts} as {@link MultipartBody#of} makes it. */
    public ApiResponse postMultipart(String path, Map<String, ?> parts) {
        return post(path, MultipartBody.of(parts));
    }

    /** A request to {@code path} carrying this caller's token, to add a method, headers and a body to. */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (timeout != null) {
            request.timeout(timeout);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    public ApiResponse send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        return answer(built, send(built, BodyHandlers.ofByteArray()));
    }

    /** Sends without waiting for the answer. */
    public CompletableFuture<ApiResponse> sendAsync(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        return http.sendAsync(built, BodyHandlers.ofByteArray()).thenApply(response -> answer(built, response));
    }

    /** Sends with a body handler of the caller's, e.g. into a file. */
    public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        return send(request.build(), handler);
    }

    /** Creates a model with no versions; expects 201 and returns the model. */
    public JsonNode createModel(String name) {
        return post("/api/v1/models", Map.of("name", name)).expect(201).json();
    }

    /** Creates a model with a description and tags; expects 201 and returns the model. */
    public JsonNode createModel(String name, String description, List<String> tags) {
        return post("/api/v1/models", Map.of("name", name, "description", description, "tags", tags)).expect(201)
                .json();
    }

    /** Uploads an ONNX model with its import metadata as a new version; expects 201 and returns the version. */
    public JsonNode upload(String model, byte[] onnx, String metadata) {
        return post(versions(model), new MultipartBody().json("metadata", metadata).file("file", "file.onnx", onnx))
                .expect(201).json();
    }

    /** Uploads an ONNX file, streamed from disk, as a new version; expects 201 and returns the version. */
    public JsonNode upload(String model, Path onnx, String metadata) {
        return post(versions(model), uploadBody(onnx, metadata)).expect(201).json();
    }

    /** Starts the same upload without waiting for the answer, which is not checked. */
    public CompletableFuture<ApiResponse> uploadAsync(String model, Path onnx, String metadata) {
        MultipartBody body = uploadBody(onnx, metadata);
        return sendAsync(request(versions(model)).header("Content-Type", body.contentType()).POST(body.publisher()));
    }

    /** GETs {@code path} into {@code target}; expects 200 and returns the answer, whose body is that file. */
    public HttpResponse<Path> download(String path, Path target) {
        HttpResponse<Path> response = send(request(path).GET(), BodyHandlers.ofFile(target));
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + " instead of 200");
        }
        return response;
    }

    /** Polls the job until it has succeeded or failed, and returns it; fails after {@link #JOB_DEADLINE}. */
    public JsonNode awaitJob(String id) {
        Instant deadline = Instant.now().plus(JOB_DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            JsonNode job = get("/api/v1/jobs/" + id).expect(200).json();
            String state = job.path("state").asText();
            if (state.equals("succeeded") || state.equals("failed")) {
                return job;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for job " + id, e);
            }
        }
        throw new AssertionError("job " + id + " did not finish within " + JOB_DEADLINE);
    }

    /**
     * Follows the job's event stream to its end (the server closes it after the final state) and
     * returns every event; fails if the stream is still open after twice {@link #JOB_DEADLINE}.
     *
     * @param lastEventId sent as {@code Last-Event-ID} to resume after that event; null for all
     */
    public EventStream events(String jobId, String lastEventId) {
        // curl's Accept, not text/event-stream: the stream must reach clients that do not ask for it by name.
        HttpRequest.Builder request = request("/api/v1/jobs/" + jobId + "/events").GET().header("Accept", "*/*");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        CompletableFuture<EventStream> read = http.sendAsync(request.build(), BodyHandlers.ofLines())
                .thenApply(response -> new EventStream(response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse(""), parse(response.body().toList())));
        try {
            return read.get(JOB_DEADLINE.toSeconds() * 2, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            read.cancel(true);
            throw new AssertionError("the event stream of job " + jobId + " did not end in time", e);
        } catch (ExecutionException e) {
            throw new AssertionError("reading the event stream of job " + jobId + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Events as the Server-Sent Events format writes them: fields a line each, an empty line after each event. */
    private static List<ServerSentEvent> parse(List<String> lines) {
        List<ServerSentEvent> events = new ArrayList<>();
        String kind = null;
        String id = null;
        StringBuilder data = new StringBuilder();
        for (String line : lines) {
            if (line.isEmpty()) {
                if (kind != null || data.length() > 0) {
                    events.add(new ServerSentEvent(id, kind == null ? "message" : kind, data.toString()));
                }
                kind = null;
                id = null;
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                kind = line.substring(6).strip();
            } else if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("data:")) {
                data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).stripLeading());
            }
        }
        return events;
    }

    private static HttpClient newHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static String versions(String model) {
        return "/api/v1/models/" + model + "/versions";
    }

    private static MultipartBody uploadBody(Path onnx, String metadata) {
        return new MultipartBody().json("metadata", metadata).file("file", onnx);
    }

    private HttpRequest.Builder withJson(HttpRequest.Builder request, String method, Object body) {
        String text;
        try {
            text = body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return request.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(text));
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + request.method() + " " + request.uri(), e);
        }
    }

    private static ApiResponse answer(HttpRequest request, HttpResponse<byte[]> response) {
        return new ApiResponse(request.method() + " " + request.uri().getPath(), response.statusCode(),
                response.headers().map(), response.body());
    }
}
