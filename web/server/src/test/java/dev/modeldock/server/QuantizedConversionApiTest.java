package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.testkit.MiniLmHubFolder;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real all-MiniLM-L6-v2 converted through the API with int8 and with float16 weights: each
 * version states, in its validation report and its lineage alike, how far its vectors are from the
 * float32 pipeline's, and whether the caller waived the quality gate.
 */
class QuantizedConversionApiTest {
    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass();
    static Path hubFolder;
    static String int8Job;
    static String float16Job;

    @BeforeAll
    static void convertMiniLmBothWays() {
        hubFolder = MiniLmHubFolder.create(server.dataDir.resolve("sources/hub"));
        server.admin().createModel("minilm-small");
        int8Job = server.admin().post("/api/v1/models/minilm-small/versions", Map.of("source", hubFolder.toString(),
                "config", Map.of("quantize_model", true))).expect(202).json().path("id").asText();
        float16Job = server.admin().post("/api/v1/models/minilm-small/versions", Map.of("source",
                hubFolder.toString(), "config", Map.of("use_float16", true), "ignoreQualityGate", true)).expect(202)
                .json().path("id").asText();
    }

    @Test
    void int8VersionRecordsItsQualityAgainstFloat32InValidationAndLineage() {
        JsonNode version = version(int8Job);
        JsonNode quality = version.path("validation").path("quality");
        assertEquals("int8", quality.path("weights").asText(), quality.toString());
        assertTrue(quality.path("passed").asBoolean(), quality.toString());
        assertFalse(quality.path("waived").asBoolean(), "no ignoreQualityGate given: " + quality);
        assertTrue(quality.path("meanCosine").asDouble() >= 0.98, quality.toString());
        assertTrue(quality.path("minCosine").asDouble() <= quality.path("meanCosine").asDouble(), quality.toString());
        assertTrue(quality.path("queries").asInt() > 0, quality.toString());
        assertTrue(quality.path("bytes").asLong() < 0.3 * quality.path("float32Bytes").asLong(), quality.toString());
        assertEquals(version.path("artifact").path("sizeBytes").asLong(), quality.path("bytes").asLong());
        assertEquals(quality, version.path("lineage").path("quality"));
        assertEquals("int8", version.path("metadata").path("modelDescription").path("weights").asText(),
                version.path("metadata").toString());
        assertTrue(version.path("validation").path("sizeNotes").isArray()
                && version.path("validation").path("sizeNotes").isEmpty(), version.path("validation").toString());
    }

    @Test
    void ignoreQualityGateIsRecordedAsAWaiver() {
        JsonNode version = version(float16Job);
        JsonNode quality = version.path("validation").path("quality");
        assertEquals("float16", quality.path("weights").asText(), quality.toString());
        assertTrue(quality.path("waived").asBoolean(), quality.toString());
        assertTrue(quality.path("passed").asBoolean(), "MiniLM in float16 meets its gate anyway: " + quality);
        assertTrue(quality.path("meanCosine").asDouble() >= 0.999, quality.toString());
        assertTrue(quality.path("bytes").asLong() < 0.6 * quality.path("float32Bytes").asLong(), quality.toString());
        assertEquals(quality, version.path("lineage").path("quality"));
        JsonNode job = server.admin().get("/api/v1/jobs/" + float16Job).expect(200).json();
        assertTrue(job.path("request").path("conversion").path("ignoreQualityGate").asBoolean(), job.toString());
    }

    @Test
    void ignoreQualityGateThatIsNotABooleanIs400NamingIt() throws Exception {
        version(int8Job);
        version(float16Job); // both filed: nothing else changes what is stored while this looks
        JsonNode before = server.storedState();
        for (Object value : new Object[] {"yes", 1, Map.of()}) {
            server.admin().post("/api/v1/models/minilm-small/versions", Map.of("source", hubFolder.toString(),
                    "config", Map.of("quantize_model", true), "ignoreQualityGate", value))
                    .expectError(400, "field 'ignoreQualityGate'", "true or false");
        }
        ServerFixture.assertUnchanged(before, server.storedState(), "refused requests");
    }

    private static JsonNode version(String job) {
        JsonNode finished = server.admin().awaitJob(job);
        assertEquals("succeeded", finished.path("state").asText(), finished.toString());
        return server.anonymous().get("/api/v1/models/minilm-small/versions/"
                + finished.path("result").path("number").asInt()).expect(200).json();
    }
}
