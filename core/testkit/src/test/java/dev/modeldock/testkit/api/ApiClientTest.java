package dev.modeldock.testkit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a stand-in server that records what it is sent and answers as the registry does. */
class ApiClientTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private final Map<String, Recorded> received = new ConcurrentHashMap<>();
    private ApiClient client;

    /** What one request brought. */
    private record Recorded(String method, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }

        String text() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/models/m/versions", exchange -> answer(exchange, 201, "application/json",
                "{\"number\": 1}"));
        server.createContext("/api/v1/models", exchange -> answer(exchange, 500, "application/json",
                "{\"error\": \"the database is down\", \"detail\": null}"));
        server.createContext("/api/v1/jobs/7/events", exchange -> answer(exchange, 200, "text/event-stream",
                "id: 1\nevent: state\ndata: {\"state\": \"running\"}\n\n: a comment\n\n"
                        + "id: 2\nevent: log\ndata: first line\ndata: second line\n\n"
                        + "id: 3\nevent: state\ndata: {\"state\": \"succeeded\"}\n\n"));
        server.start();
        client = ApiClient.local(server.getAddress().getPort(), "token-1");
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void anUploadSendsTheMetadataAndTheFileAsMultipartWithItsLengthAndTheCallersToken() throws IOException {
        Path onnx = Files.write(dir.resolve("model.onnx"), new byte[] {0, 1, 2, (byte) 0xff});

        assertEquals(1, client.upload("m", onnx, "{\"function\": \"regression\"}").path("number").asInt());

        Recorded upload = received.get("/api/v1/models/m/versions");
        assertEquals("POST", upload.method());
        assertEquals("Bearer token-1", upload.header("Authorization"));
        assertEquals(String.valueOf(upload.body().length), upload.header("Content-length"), "not chunked");
        String boundary = upload.header("Content-type").replaceFirst("multipart/form-data; boundary=", "");
        assertEquals("--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json\r\n\r\n{\"function\": \"regression\"}\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"model.onnx\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n\u0000\u0001\u0002\u00ff\r\n"
                + "--" + boundary + "--\r\n", upload.text());
    }

    @Test
    void anotherCallerSendsItsOwnTokenAndAnAnonymousOneNone() {
        client.as("token-2").get("/api/v1/models");
        assertEquals("Bearer token-2", received.get("/api/v1/models").header("Authorization"));
        client.as(null).get("/api/v1/models");
        assertNull(received.get("/api/v1/models").header("Authorization"));
    }

    @Test
    void anUnexpectedStatusFailsNamingTheRequestAndTheAnswer() {
        ApiResponse answer = client.post("/api/v1/models", Map.of("name", "m"));
        assertEquals("{\"name\":\"m\"}", received.get("/api/v1/models").text());
        assertEquals("application/json", received.get("/api/v1/models").header("Content-type"));

        AssertionError e = assertThrows(AssertionError.class, () -> answer.expect(201));
        assertTrue(e.getMessage().startsWith("POST /api/v1/models answered 500 instead of 201: {\"error\""),
                e.getMessage());
        assertEquals(null, answer.expectError(500, "DATABASE", "down").path("detail").textValue());
        assertThrows(AssertionError.class, () -> answer.expectError(500, "disk"));
    }

    @Test
    void theEventStreamIsReadToItsEndEventByEvent() {
        EventStream stream = client.events("7", null);

        assertEquals(200, stream.status());
        assertEquals("text/event-stream", stream.contentType());
        assertEquals(List.of(new ServerSentEvent("1", "state", "{\"state\": \"running\"}"),
                new ServerSentEvent("2", "log", "first line\nsecond line"),
                new ServerSentEvent("3", "state", "{\"state\": \"succeeded\"}")), stream.events());
        assertEquals("succeeded", stream.last().json().path("state").asText());
        assertEquals("*/*", received.get("/api/v1/jobs/7/events").header("Accept"));
    }

    private void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        received.put(exchange.getRequestURI().getPath(), new Recorded(exchange.getRequestMethod(),
                Map.copyOf(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes()));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
