package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.onnx.HostileModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ONNX Runtime runs in child processes of the server, held to the limits its configuration sets
 * (here small, so that passing them is quick): a model that makes ONNX Runtime exhaust memory, though
 * it breaks no rule, is refused with a 422 naming the limit, and a conversion past its time fails its
 * job with a message; either way nothing is stored and the server answers on. Before the child
 * processes, the upload took the server's own memory and the conversion ran on without limit.
 */
class IsolatedOnnxRuntimeApiTest {
    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass(config -> {
        config.isolation.heapMb = 128;
        config.isolation.memoryMb = 400;
        config.isolation.conversionTimeout = Duration.ofSeconds(1);
    });
    @Test
    void anUploadThatMakesOnnxRuntimeExhaustMemoryIs422NamingTheLimitAndTheServerAnswersOn() {
        server.admin().createModel("memory-hungry");
        JsonNode before = server.storedState();
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("file", HostileModels.hugeFoldedConstant(1024).toByteArray());
        parts.put("metadata", ServerFixture.REGRESSOR_METADATA);
        JsonNode error = server.admin().postMultipart("/api/v1/models/memory-hungry/versions", parts)
                .expectError(422, "loading the model needed more than 400 MB");
        assertEquals("ONNX:runtime", error.path("detail").path(0).path("code").asText(), error.toString());
        ServerFixture.assertUnchanged(before, server.storedState(), "an upload that exhausted ONNX Runtime's memory");

        server.anonymous().get("/api/v1/health").expect(200);
        assertEquals(1, server.admin().upload("memory-hungry", ServerFixture.regressor(),
                ServerFixture.REGRESSOR_METADATA).path("number").asInt(), "the next good upload is version 1");
    }

    @Test
    void aConversionPastItsTimeFailsItsJobNamingTheLimit() {
        server.admin().createModel("too-slow");
        // Inside the server's default source root, DATA_DIR/sources.
        Path hub = MiniLmHubFolder.create(server.dataDir.resolve("sources/hub"));
        String id = server.admin().post("/api/v1/models/too-slow/versions", Map.of("source", hub.toString()))
                .expect(202).json().path("id").asText();
        JsonNode job = server.admin().awaitJob(id);
        assertEquals("failed", job.path("state").asText(), job.toString());
        assertEquals("the conversion did not finish within 1 s", job.path("error").asText(), job.toString());
        assertTrue(server.anonymous().get("/api/v1/models/too-slow").expect(200).json().path("latestVersion").isNull());
        server.anonymous().get("/api/v1/health").expect(200);
    }
}
