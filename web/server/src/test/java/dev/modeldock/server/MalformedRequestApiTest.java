package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.testkit.api.ApiResponse;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests that are malformed at the HTTP level (multipart bodies made by hand, duplicate JSON keys,
 * NUL in a path, byte ranges past 2^63): each is a 4xx with the JSON error body, carries no header
 * of a success (Location, Content-Disposition), stores nothing and logs no stack trace.
 */
class MalformedRequestApiTest {
    private static final String UPLOADS = "/api/v1/models/kept/versions";
    private static final String BOUNDARY = "modeldock-test-boundary";
    private static final String FILE_HEADERS = "Content-Disposition: form-data; name=\"file\"; filename=\"m.onnx\"\r\n"
            + "Content-Type: application/octet-stream";
    private static final String METADATA_HEADERS = "Content-Disposition: form-data; name=\"metadata\"";

    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass();
    private static long artifactSize;

    private JsonNode before;
    private long logMark;

    @BeforeAll
    static void start() {
        server.admin().createModel("kept");
        artifactSize = server.admin().upload("kept", ServerFixture.regressor(), ServerFixture.REGRESSOR_METADATA)
                .path("artifact").path("sizeBytes").asLong();
        assertTrue(artifactSize > 0);
    }

    /** What the server logged during each test: the tests' servers log to a file (ServerLog). */
    @BeforeEach
    void snapshotAndMarkLog() {
        before = server.storedState();
        logMark = ServerLog.mark();
    }

    @AfterEach
    void nothingStoredNothingLogged() {
        ServerFixture.assertUnchanged(before, server.storedState(), "a refused request");
        String logged = ServerLog.since(logMark);
        assertFalse(logged.contains("\tat ") || logged.contains("incident"),
                "a client's mistake logs no stack trace:\n" + logged);
    }

    // ---- multipart

    @Test
    void multipartWithoutBoundary() {
        byte[] body = new Form().part(FILE_HEADERS, ServerFixture.regressor())
                .part(METADATA_HEADERS, ServerFixture.REGRESSOR_METADATA).end();
        assertRefused(send("multipart/form-data", body), 400, "boundary");
        assertRefused(send("multipart/form-data; boundary=", body), 400, "boundary");
    }

    @Test
    void multipartCutShort() {
        byte[] whole = new Form().part(METADATA_HEADERS, ServerFixture.REGRESSOR_METADATA)
                .part(FILE_HEADERS, ServerFixture.regressor()).end();
        byte[] cut = Arrays.copyOf(whole, whole.length - ServerFixture.regressor().length / 2);
        assertRefused(send(Form.CONTENT_TYPE, cut), 400, "multipart");
        byte[] headersOnly = ("--" + BOUNDARY + "\r\n" + FILE_HEADERS).getBytes(StandardCharsets.ISO_8859_1);
        assertRefused(send(Form.CONTENT_TYPE, headersOnly), 400, "multipart");
        assertRefused(send(Form.CONTENT_TYPE, new byte[0]), 400);
    }

    @Test
    void partWithoutContentDisposition() {
        byte[] body = new Form().part("Content-Type: application/octet-stream", ServerFixture.regressor())
                .part(METADATA_HEADERS, ServerFixture.REGRESSOR_METADATA).end();
        assertRefused(send(Form.CONTENT_TYPE, body), 400, "Content-Disposition");
        byte[] nameless = new Form().part("Content-Disposition: form-data; filename=\"m.onnx\"",
                ServerFixture.regressor()).part(METADATA_HEADERS, ServerFixture.REGRESSOR_METADATA).end();
        assertRefused(send(Form.CONTENT_TYPE, nameless), 400, "name");
    }

    @Test
    void oversizedMetadataField() {
        String huge = "{\"function\": \"regression\", \"description\": \"" + "x".repeat(4 << 20) + "\"}";
        byte[] body = new Form().part(FILE_HEADERS, ServerFixture.regressor()).part(METADATA_HEADERS, huge).end();
        assertRefused(send(Form.CONTENT_TYPE, body), 413, "metadata");
    }

    @Test
    void fileNamesTooLongOrWithControlCharacters() {
        for (String name : List.of("m".repeat(300) + ".onnx", "a\rb.onnx", "a\nb.onnx", "a\u0000b.onnx",
                "a\r\nX-Evil: 1\r\nb.onnx")) {
            byte[] body = new Form().part("Content-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"",
                    ServerFixture.regressor()).part(METADATA_HEADERS, ServerFixture.REGRESSOR_METADATA).end();
            ApiResponse answer = send(Form.CONTENT_TYPE, body);
            assertRefused(answer, 400);
            assertFalse(answer.text().contains("\u0000") || answer.text().contains("\r"), answer.text());
        }
    }

    @Test
    void twoFileOrTwoMetadataPartsAreRefused() {
        byte[] twoFiles = new Form().part(FILE_HEADERS, ServerFixture.regressor())
                .part(FILE_HEADERS, ServerFixture.classifier())
                .part(METADATA_HEADERS, ServerFixture.REGRESSOR_METADATA).end();
        assertRefused(send(Form.CONTENT_TYPE, twoFiles), 400, "'file'", "more than one");
        byte[] twoMetadata = new Form().part(FILE_HEADERS, ServerFixture.regressor())
                .part(METADATA_HEADERS, ServerFixture.REGRESSOR_METADATA)
                .part(METADATA_HEADERS, ServerFixture.CLASSIFIER_METADATA).end();
        assertRefused(send(Form.CONTENT_TYPE, twoMetadata), 400, "'metadata'", "more than one");
        byte[] fieldAndFile = new Form().part(FILE_HEADERS, ServerFixture.regressor())
                .part(METADATA_HEADERS, ServerFixture.REGRESSOR_METADATA)
                .part(METADATA_HEADERS + "; filename=\"m.json\"", ServerFixture.REGRESSOR_METADATA).end();
        assertRefused(send(Form.CONTENT_TYPE, fieldAndFile), 400, "'metadata'", "more than one");
    }

    @Test
    void unknownPartsAreRefused() {
        byte[] body = new Form().part(FILE_HEADERS, ServerFixture.regressor())
                .part(METADATA_HEADERS, ServerFixture.REGRESSOR_METADATA)
                .part("Content-Disposition: form-data; name=\"colour\"", "red").end();
        assertRefused(send(Form.CONTENT_TYPE, body), 400, "'colour'");
    }

    // ---- JSON

    @Test
    void duplicateJsonKeysAreRefusedNamingTheField() {
        JsonNode error = server.admin().post("/api/v1/models", "{\"name\": \"one\", \"name\": \"two\"}")
                .expectError(400, "'name'", "more than once");
        assertFalse(error.toString().contains("com.fasterxml") || error.toString().contains("line:"), error.toString());
        server.admin().post(UPLOADS, "{\"source\": \"org/m\", \"config\": {\"max_seq_length\": 1,"
                + " \"max_seq_length\": 2}}").expectError(400, "'config.max_seq_length'", "more than once");
        server.admin().patch("/api/v1/models/kept", "{\"tags\": [\"a\"], \"tags\": [\"b\"]}")
                .expectError(400, "'tags'");
    }

    @Test
    void bodiesInAnUnknownCharsetOrNotUtf8() {
        HttpRequest.Builder unknown = server.admin().request("/api/v1/models")
                .header("Content-Type", "application/json; charset=no-such-charset")
                .POST(BodyPublishers.ofString("{\"name\": \"charset\"}"));
        ApiResponse answer = server.admin().send(unknown);
        assertTrue(answer.status() == 400 || answer.status() == 415, answer.status() + " " + answer.text());
        assertRefused(answer, answer.status(), "charset");
        HttpRequest.Builder latin = server.admin().request("/api/v1/models").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofByteArray(new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xff,
                    '"', '}'}));
        assertRefused(server.admin().send(latin), 400);
    }

    // ---- headers only after validation, a JSON body on every error

    @Test
    void errorsCarryNoLocation() {
        ApiResponse target = server.admin().post("/api/v1/targets", Map.of("name", "t1", "plugin", "no-such-plugin",
                "settings", Map.of()));
        assertTrue(target.status() >= 400 && target.status() < 500, target.text());
        assertRefused(target, target.status());
        ApiResponse badName = server.admin().post("/api/v1/targets", Map.of("name", "bad name", "plugin", "file",
                "settings", Map.of("output_dir", "/tmp")));
        assertRefused(badName, 400);
    }

    @Test
    void nulInAPathIsAJsonError() {
        for (String path : List.of("/api/v1/models/a%00b", "/api/v1/models/kept/versions/%00",
                "/api/v1/models/kept/versions/1/artifact%00", "/api/v1/targets/t%00", "/api/v1/jobs/%00")) {
            ApiResponse answer = server.admin().get(path);
            answer.expectError(400, "malformed");
            assertFalse(answer.text().contains("\u0000"), answer.text());
        }
    }

    // ---- byte ranges

    @Test
    void lastBytePastTheEndIsTheEnd() {
        String artifact = UPLOADS + "/1/artifact";
        for (String range : List.of("bytes=0-99999999999999999999", "bytes=0-9223372036854775807",
                "bytes=0-" + artifactSize)) {
            ApiResponse answer = server.admin().get(artifact, Map.of("Range", range)).expect(206);
            assertEquals("bytes 0-" + (artifactSize - 1) + "/" + artifactSize, answer.header("Content-Range"), range);
            assertEquals(artifactSize, answer.body().length, range);
        }
        ApiResponse tail = server.admin().get(artifact, Map.of("Range", "bytes=1-99999999999999999999999999"))
                .expect(206);
        assertEquals(artifactSize - 1, tail.body().length);
        ApiResponse suffix = server.admin().get(artifact, Map.of("Range", "bytes=-99999999999999999999")).expect(206);
        assertEquals(artifactSize, suffix.body().length);
        for (String range : List.of("bytes=99999999999999999999-", "bytes=99999999999999999999-99999999999999999999",
                "bytes=" + artifactSize + "-", "bytes=9223372036854775807-")) {
            ApiResponse answer = server.admin().get(artifact, Map.of("Range", range));
            answer.expectError(416, "range");
            assertEquals("bytes */" + artifactSize, answer.header("Content-Range"), range);
            assertNull(answer.header("Content-Disposition"), "an error is no attachment: " + range);
        }
    }

    // ---- helpers

    private static ApiResponse send(String contentType, byte[] body) {
        HttpRequest.Builder request = server.admin().request(UPLOADS).header("Content-Type", contentType)
                .POST(BodyPublishers.ofByteArray(body));
        return server.admin().send(request);
    }

    /** A 4xx with the JSON error body mentioning {@code words}, and no header only a success has. */
    private static void assertRefused(ApiResponse answer, int status, String... words) {
        answer.expectError(status, words);
        assertNull(answer.header("Location"), "an error carries no Location: " + answer.text());
        assertNull(answer.header("Content-Disposition"), "an error is no attachment: " + answer.text());
        assertTrue(answer.header("Content-Type").startsWith("application/json"), answer.header("Content-Type"));
    }

    /** A multipart/form-data body made by hand, so it can be wrong in every way. */
    private static final class Form {
        static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Form part(String headers, String content) {
            return part(headers, content.getBytes(StandardCharsets.UTF_8));
        }

        Form part(String headers, byte[] content) {
            bytes.writeBytes(("--" + BOUNDARY + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            bytes.writeBytes(content);
            bytes.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            return this;
        }

        byte[] end() {
            bytes.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
            return bytes.toByteArray();
        }
    }
}
