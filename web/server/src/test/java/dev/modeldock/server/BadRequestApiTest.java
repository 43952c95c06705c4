package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.testkit.api.ApiResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests the server must refuse: each gets a 4xx with an {@code error} that names the problem,
 * and leaves every stored thing (listings and table row counts) exactly as it was.
 */
class BadRequestApiTest {
    /** Smaller than either small model, so any real upload is too large. */
    private static final long MAX_UPLOAD = 100;

    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass(config -> config.uploads.maxBytes = MAX_UPLOAD);
    private JsonNode before;

    @BeforeAll
    static void start() {
        server.admin().post("/api/v1/models", Map.of("name", "kept", "description", "stays as it is",
                "tags", List.of("keep"))).expect(201);
    }

    @BeforeEach
    void snapshot() {
        before = server.storedState();
    }

    @AfterEach
    void nothingChanged() {
        ServerFixture.assertUnchanged(before, server.storedState(), "a refused request");
    }

    @Test
    void malformedJson() {
        server.admin().post("/api/v1/models", "{\"name\": \"half\"").expectError(400, "malformed JSON");
        server.admin().patch("/api/v1/models/kept", "{description: 'x'}").expectError(400, "malformed JSON");
        server.admin().post("/api/v1/models", "{\"name\": \"one\"} {\"name\": \"two\"}").expectError(400);
        server.admin().post("/api/v1/deployments", "{\"model\": ").expectError(400, "malformed JSON");
        server.admin().put("/api/v1/models/kept/aliases/prod", "not json at all").expectError(400, "malformed JSON");
    }

    @Test
    void bodyThatIsNotAnObject() {
        server.admin().post("/api/v1/models", "").expectError(400, "JSON body");
        server.admin().post("/api/v1/models", "null").expectError(400, "null");
        server.admin().post("/api/v1/models", "[\"kept\"]").expectError(400, "wrong type");
        server.admin().post("/api/v1/models", "\"kept\"").expectError(400);
        server.admin().post("/api/v1/models/kept/versions", "[]").expectError(400, "wrong type");
    }

    @Test
    void wrongTypes() {
        server.admin().post("/api/v1/models", "{\"name\": 5}").expectError(400, "'name'");
        server.admin().post("/api/v1/models", "{\"name\": true}").expectError(400, "'name'");
        server.admin().post("/api/v1/models", "{\"name\": \"typed\", \"tags\": \"one\"}").expectError(400, "'tags'");
        server.admin().post("/api/v1/models", "{\"name\": \"typed\", \"tags\": [1, 2]}").expectError(400, "tags");
        server.admin().post("/api/v1/models", "{\"name\": \"typed\", \"description\": {\"en\": \"x\"}}")
                .expectError(400, "'description'");
        server.admin().patch("/api/v1/models/kept", "{\"description\": 42}").expectError(400, "'description'");
        server.admin().patch("/api/v1/models/kept", "{\"tags\": {\"a\": 1}}").expectError(400, "'tags'");
        server.admin().post("/api/v1/deployments", "{\"model\": \"kept\", \"version\": \"one\", \"target\": \"t\","
                + " \"databaseModelName\": \"n\"}").expectError(400, "'version'");
        server.admin().post("/api/v1/deployments", "{\"model\": \"kept\", \"version\": 1.5, \"target\": \"t\","
                + " \"databaseModelName\": \"n\"}").expectError(400, "'version'");
        server.admin().post("/api/v1/models/kept/versions", "{\"source\": [\"a\"]}").expectError(400, "'source'");
        server.admin().post("/api/v1/targets", "{\"name\": \"t\", \"plugin\": \"file\", \"settings\": [1]}")
                .expectError(400, "'settings'");
    }

    @Test
    void wrongTypesAndMalformedJsonSayWhatWasExpectedInTheCallersWordsNotJavasOrJacksons() {
        Map<String, String> expectations = new LinkedHashMap<>();
        expectations.put("{\"model\": \"kept\", \"version\": \"one\", \"target\": \"t\", \"databaseModelName\": \"n\"}",
                "field 'version': wrong type, expected a whole number");
        expectations.put("{\"name\": \"typed\", \"tags\": {\"a\": 1}}", "field 'tags': wrong type, expected an array");
        expectations.put("{\"name\": \"typed\", \"tags\": [1]}", "field 'tags[0]': wrong type, expected a string");
        expectations.put("{\"name\": true}", "field 'name': wrong type, expected a string");
        expectations.put("[\"kept\"]", "wrong type, expected an object");
        expectations.put("{\"name\": SECRETTOKEN}", "malformed JSON");
        expectations.put("{\"name\" \"SECRETTOKEN\"}", "malformed JSON, expected a colon");
        for (Map.Entry<String, String> body : expectations.entrySet()) {
            String path = body.getKey().contains("databaseModelName") ? "/api/v1/deployments" : "/api/v1/models";
            String error = server.admin().post(path, body.getKey()).expectError(400, body.getValue(), "(line 1, column ")
                    .toString();
            for (String internal : List.of("java.", "Integer", "LinkedHashMap", "ArrayList", "Cannot deserialize",
                    "Source:", "jackson", "SECRETTOKEN", "token '")) {
                assertTrue(!error.contains(internal), "'" + internal + "' in " + error);
            }
        }
    }

    @Test
    void unknownFields() {
        JsonNode error = server.admin().post("/api/v1/models", Map.of("name", "extra", "colour", "red"))
                .expectError(400, "'colour'");
        assertTrue(error.path("detail").path("allowed").toString().contains("description"), error.toString());
        server.admin().patch("/api/v1/models/kept", Map.of("name", "renamed")).expectError(400, "'name'");
        server.admin().post("/api/v1/models/kept/versions", Map.of("source", "x", "branch", "main"))
                .expectError(400, "'branch'");
    }

    @Test
    void unknownModel() {
        server.admin().get("/api/v1/models/ghost").expectError(404, "ghost");
        server.admin().patch("/api/v1/models/ghost", Map.of("description", "boo")).expectError(404, "ghost");
        server.admin().delete("/api/v1/models/ghost").expectError(404, "ghost");
        server.admin().get("/api/v1/models/ghost/versions").expectError(404, "ghost");
        server.admin().get("/api/v1/models/ghost/versions/1").expectError(404, "ghost");
        server.admin().get("/api/v1/models/ghost/versions/1/artifact").expectError(404, "ghost");
        server.admin().get("/api/v1/models/ghost/aliases").expectError(404, "ghost");
        server.admin().post("/api/v1/models/ghost/versions", Map.of("source", "org/model")).expectError(404, "ghost");
        server.admin().put("/api/v1/models/ghost/aliases/prod", Map.of("version", 1)).expectError(404, "ghost");
        server.admin().delete("/api/v1/models/ghost/aliases/prod").expectError(404, "ghost");
    }

    @Test
    void pathLikeAndOtherwiseInvalidNames() {
        for (String name : List.of("../etc", "..", "a/b", "a\\b", ".hidden", "-dash", "with space", "nul\u0000byte",
                "new\nline", "x".repeat(129), "caf\u00e9")) {
            JsonNode error = server.admin().post("/api/v1/models", Map.of("name", name)).expectError(400, "model name");
            assertTrue(!error.path("error").asText().contains("\u0000") && !error.path("error").asText().contains("\n"),
                    "control characters are escaped in messages: " + error);
        }
        server.admin().post("/api/v1/models", Map.of("name", "")).expectError(400, "missing");
        server.admin().post("/api/v1/models", Map.of("description", "no name")).expectError(400, "missing");
        server.admin().post("/api/v1/models", Map.of("name", "tagged", "tags", List.of("../x")))
                .expectError(400, "tag");
        server.admin().patch("/api/v1/models/kept", Map.of("tags", List.of("ok", "bad tag"))).expectError(400, "tag");
        server.admin().get("/api/v1/models/..%2F..%2Fetc%2Fpasswd").expectError(404);
        server.admin().get("/api/v1/models/kept/versions/..%2F1").expectError(400, "alias");
        server.admin().put("/api/v1/models/kept/aliases/..%2Fprod", Map.of("version", 1)).expectError(400, "alias");
    }

    @Test
    void oversizeUploadIs413AndLeavesNothingBehind() throws Exception {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("metadata", ServerFixture.REGRESSOR_METADATA);
        parts.put("file", ServerFixture.regressor());
        assertTrue(ServerFixture.regressor().length > MAX_UPLOAD);
        server.admin().postMultipart("/api/v1/models/kept/versions", parts).expectError(413, "larger");
        assertNoUploadLeftOver();
    }

    @Test
    void bogusOnnx() {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("file", "PK\u0003\u0004 not onnx".getBytes(StandardCharsets.UTF_8));
        parts.put("metadata", ServerFixture.REGRESSOR_METADATA);
        ApiResponse bogus = server.admin().postMultipart("/api/v1/models/kept/versions", parts);
        assertTrue(bogus.status() >= 400 && bogus.status() < 500, bogus.text());
        JsonNode error = bogus.expectError(bogus.status(), "not a valid ONNX model", "file.onnx");
        assertTrue(!error.toString().contains(server.dataDir.toString()), "the server's folders stay private: " + error);
    }

    @Test
    void badQueryParameters() {
        server.admin().get("/api/v1/models?limit=-5").expectError(400, "'limit'");
        server.admin().get("/api/v1/models?offset=x").expectError(400, "'offset'");
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("file", "x".getBytes(StandardCharsets.UTF_8));
        parts.put("metadata", ServerFixture.REGRESSOR_METADATA);
        server.admin().postMultipart("/api/v1/models/kept/versions?targetRelease=19", parts)
                .expectError(400, "'targetRelease'");
        // Uploads once took 24 and 25; there are only two sets of limits, 23ai's and 26ai's.
        server.admin().postMultipart("/api/v1/models/kept/versions?targetRelease=24", parts)
                .expectError(400, "'targetRelease' must be one of [23, 26]");
    }

    @Test
    void oversizeJsonBodyIs413() {
        String huge = "{\"name\": \"huge\", \"description\": \"" + "x".repeat(11 << 20) + "\"}";
        server.admin().post("/api/v1/models", huge).expectError(413);
    }

    @Test
    void methodsAnEndpointDoesNotHaveAreJsonErrors() {
        ApiResponse answer = server.admin().put("/api/v1/models", Map.of("name", "put"));
        assertTrue(answer.status() == 404 || answer.status() == 405, answer.status() + " " + answer.text());
        answer.expectError(answer.status());
        answer = server.admin().delete("/api/v1/models/kept/versions/1");
        assertTrue(answer.status() == 404 || answer.status() == 405, answer.status() + " " + answer.text());
        answer.expectError(answer.status());
    }

    @Test
    void unknownJobsAndDeployments() {
        server.admin().get("/api/v1/jobs/../../etc").expectError(404);
        server.admin().get("/api/v1/jobs/nope").expectError(404, "no job");
        server.admin().get("/api/v1/deployments/12abc").expectError(404, "12abc");
        server.admin().post("/api/v1/deployments/12abc/check", "").expectError(404, "12abc");
    }

    /** Jetty spools multipart parts to the uploads folder; a refused upload must not leave them there. */
    private static void assertNoUploadLeftOver() throws IOException, InterruptedException {
        Path work = server.dataDir.resolve("work");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        List<Path> left;
        do {
            try (Stream<Path> files = Files.walk(work)) {
                left = files.filter(Files::isRegularFile).toList();
            }
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(50);
        } while (Instant.now().isBefore(deadline));
        assertEquals(List.of(), left, "files left in the work folder");
    }
}
