package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modeldock.config.Settings;
import dev.modeldock.registry.Role;
import dev.modeldock.testkit.onnx.SmallModels;
import dev.modeldock.testkit.plugin.Plugins;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real registry server on a free port over an embedded database in a temporary folder, with the
 * built-in plugins loaded through pf4j, and an HTTP client that speaks its JSON with or without a
 * token. Each test class starts its own, so classes do not see each other's data.
 */
final class ServerFixture implements AutoCloseable {
    /** The first admin's token, given as MODELDOCK_ADMIN_TOKEN would give it. */
    static final String ADMIN_TOKEN = "mdk_test-admin-token-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration JOB_DEADLINE = Duration.ofSeconds(60);

    /** Metadata Oracle accepts for {@link #regressor()}. */
    static final String REGRESSOR_METADATA = SmallModels.FEATURE_REGRESSOR_METADATA;
    /** Metadata Oracle accepts for {@link #classifier()}. */
    static final String CLASSIFIER_METADATA = SmallModels.IRIS_CLASSIFIER_METADATA;

    final RegistryServer server;
    final Path dataDir;
    private final ByteArrayOutputStream startupOutput;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServerFixture(RegistryServer server, Path dataDir, ByteArrayOutputStream startupOutput) {
        this.server = server;
        this.dataDir = dataDir;
        this.startupOutput = startupOutput;
    }

    /** Defaults: anonymous reads on, the first admin's token {@link #ADMIN_TOKEN}. */
    static ServerFixture start(Path dataDir) {
        return start(ServerOptions.defaults(0, dataDir).withSecrets(ADMIN_TOKEN, null));
    }

    static ServerFixture start(ServerOptions options) {
        return start(options, Settings.defaults());
    }

    static ServerFixture start(ServerOptions options, Settings settings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            RegistryServer server = RegistryServer.start(options, Plugins.builtIn(), settings,
                    new PrintStream(out, true, StandardCharsets.UTF_8));
            return new ServerFixture(server, options.dataDir(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the server printed while starting. */
    String startupOutput() {
        return startupOutput.toString(StandardCharsets.UTF_8);
    }

    Client admin() {
        return as(ADMIN_TOKEN);
    }

    Client anonymous() {
        return as(null);
    }

    Client as(String token) {
        return new Client(token);
    }

    /** A new user of {@code role} (named after it, made unique) and a client with their token. */
    Client newUser(Role role) {
        String name = role.id() + "-" + UUID.randomUUID().toString().substring(0, 8);
        admin().post("/api/v1/users", Map.of("name", name, "role", role.id())).expect(201);
        return as(admin().post("/api/v1/users/" + name + "/tokens", Map.of("label", "tests")).expect(201)
                .json().path("token").asText());
    }

    @Override
    public void close() {
        server.close();
    }

    static byte[] regressor() {
        return SmallModels.featureRegressor().toByteArray();
    }

    static byte[] classifier() {
        return SmallModels.irisClassifier().toByteArray();
    }

    /** Calls the server as one caller: with a Bearer token, or anonymously when the token is null. */
    final class Client {
        private final String token;

        private Client(String token) {
            this.token = token;
        }

        Response get(String path) {
            return send(request(path).GET());
        }

        Response get(String path, Map<String, String> headers) {
            HttpRequest.Builder request = request(path).GET();
            headers.forEach(request::header);
            return send(request);
        }

        Response delete(String path) {
            return send(request(path).DELETE());
        }

        /** {@code body} is sent as JSON: a String as it is, anything else written by Jackson. */
        Response post(String path, Object body) {
            return send(withJson(request(path), "POST", body));
        }

        Response put(String path, Object body) {
            return send(withJson(request(path), "PUT", body));
        }

        Response patch(String path, Object body) {
            return send(withJson(request(path), "PATCH", body));
        }

        /** POSTs multipart/form-data: values that are byte arrays go as files, the rest as text fields. */
        Response postMultipart(String path, Map<String, Object> parts) {
            String boundary = "----modeldock-test-" + UUID.randomUUID();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            parts.forEach((name, value) -> {
                StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n");
                if (value instanceof byte[]) {
                    head.append("Content-Disposition: form-data; name=\"").append(name).append("\"; filename=\"")
                            .append(name).append(".onnx\"\r\nContent-Type: application/octet-stream\r\n\r\n");
                } else {
                    head.append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n");
                }
                body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
                body.writeBytes(value instanceof byte[] bytes ? bytes
                        : value.toString().getBytes(StandardCharsets.UTF_8));
                body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            });
            body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        }

        /** Uploads an ONNX model with its metadata as a new version; expects 201. */
        JsonNode upload(String model, byte[] onnx, String metadata) {
            Map<String, Object> parts = new LinkedHashMap<>();
            parts.put("file", onnx);
            parts.put("metadata", metadata);
            return postMultipart("/api/v1/models/" + model + "/versions", parts).expect(201).json();
        }

        /** Creates a model; expects 201. */
        JsonNode createModel(String name) {
            return post("/api/v1/models", Map.of("name", name)).expect(201).json();
        }

        /** Polls the job until it has finished, and returns it. */
        JsonNode awaitJob(String id) {
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
         * returns every event; fails if the stream is still open at the deadline.
         */
        SseStream events(String jobId, String lastEventId) {
            // curl's Accept, not text/event-stream: the stream must reach clients that do not ask for it by name.
            HttpRequest.Builder request = request("/api/v1/jobs/" + jobId + "/events").GET()
                    .header("Accept", "*/*");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            java.util.concurrent.CompletableFuture<SseStream> read = http.sendAsync(request.build(),
                    HttpResponse.BodyHandlers.ofLines()).thenApply(response -> {
                        List<SseEvent> events = new java.util.ArrayList<>();
                        String[] event = {null, null};
                        StringBuilder data = new StringBuilder();
                        response.body().forEachOrdered(line -> {
                            if (line.isEmpty()) {
                                if (event[0] != null || data.length() > 0) {
                                    events.add(new SseEvent(event[1], event[0] == null ? "message" : event[0],
                                            data.toString()));
                                }
                                event[0] = null;
                                event[1] = null;
                                data.setLength(0);
                            } else if (line.startsWith("event:")) {
                                event[0] = line.substring(6).strip();
                            } else if (line.startsWith("id:")) {
                                event[1] = line.substring(3).strip();
                            } else if (line.startsWith("data:")) {
                                data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).stripLeading());
                            }
                        });
                        return new SseStream(response.statusCode(), response.headers().firstValue("Content-Type")
                                .orElse(""), events);
                    });
            try {
                return read.get(JOB_DEADLINE.toSeconds() * 2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                read.cancel(true);
                throw new AssertionError("the event stream of job " + jobId + " did not end in time", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new AssertionError("reading the event stream of job " + jobId + " failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        Response send(HttpRequest.Builder request) {
            try {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                return new Response(response.statusCode(), response.headers().map(), response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        HttpRequest.Builder request(String path) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return request;
        }

        private HttpRequest.Builder withJson(HttpRequest.Builder request, String method, Object body) {
            String text;
            try {
                text = body instanceof String s ? s : JSON.writeValueAsString(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return request.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofString(text));
        }
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + server.port() + path);
    }

    /** One Server-Sent Event. */
    record SseEvent(String id, String kind, String data) {
        JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new AssertionError("event data is not JSON: " + data, e);
            }
        }
    }

    /** An event stream read to its end. */
    record SseStream(int status, String contentType, List<SseEvent> events) {
    }

    /** An answer of the server. */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + text(), e);
            }
        }

        /** The first value of a header, or null; names are matched regardless of case. */
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        Response expect(int expected) {
            if (status != expected) {
                fail("expected status " + expected + " but got " + status + ": " + text());
            }
            return this;
        }

        /**
         * Asserts an error answer: this status, a JSON body with an {@code error} text containing each
         * of {@code words} (case-insensitive); returns the body.
         */
        JsonNode expectError(int expected, String... words) {
            expect(expected);
            JsonNode body = json();
            assertTrue(body.path("error").isTextual(), "no 'error' text in " + text());
            assertTrue(body.has("detail"), "no 'detail' in " + text());
            String error = body.path("error").asText().toLowerCase(java.util.Locale.ROOT);
            for (String word : words) {
                assertTrue(error.contains(word.toLowerCase(java.util.Locale.ROOT)),
                        "error '" + body.path("error").asText() + "' does not mention '" + word + "'");
            }
            return body;
        }
    }

    /**
     * Everything the registry holds, as the API lists it (models, their versions and alias moves,
     * targets, deployments, users) plus the row count of every table, read over JDBC from the same
     * embedded database: a refused request must leave all of it as it was.
     */
    JsonNode storedState() {
        com.fasterxml.jackson.databind.node.ObjectNode state = JSON.createObjectNode();
        JsonNode models = admin().get("/api/v1/models?limit=500").expect(200).json();
        state.set("models", models);
        for (JsonNode model : models.path("items")) {
            String name = model.path("name").asText();
            state.set("versions:" + name, admin().get("/api/v1/models/" + name + "/versions").expect(200).json());
            state.set("aliases:" + name, admin().get("/api/v1/models/" + name + "/aliases").expect(200).json());
        }
        state.set("targets", admin().get("/api/v1/targets").expect(200).json());
        state.set("deployments", admin().get("/api/v1/deployments").expect(200).json());
        state.set("users", admin().get("/api/v1/users").expect(200).json());
        state.set("rows", JSON.valueToTree(rowCounts()));
        return state;
    }

    /** Rows in each table of the embedded registry database. */
    Map<String, Long> rowCounts() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        try (Connection connection = DriverManager.getConnection(
                dev.modeldock.registry.RegistryDatabase.embeddedUrl(dataDir), "", "")) {
            List<String> tables = new java.util.ArrayList<>();
            try (ResultSet rows = connection.createStatement().executeQuery("SELECT TABLE_NAME FROM"
                    + " INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet count = connection.createStatement().executeQuery("SELECT COUNT(*) FROM \"" + table
                        + "\"")) {
                    count.next();
                    counts.put(table, count.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new AssertionError("cannot count the registry's rows", e);
        }
        assertTrue(counts.containsKey("MODEL_VERSION"), "tables found: " + counts.keySet());
        return counts;
    }

    /** Fails unless the stored state is what it was before a refused request. */
    static void assertUnchanged(JsonNode before, JsonNode after, String request) {
        assertEquals(before, after, "stored data changed after " + request);
    }
}
