package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.testkit.onnx.HostileModels;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Uploads that break a structural rule of ONNX are refused before ONNX Runtime sees them: 422 naming
 * the rule, nothing stored, and the server still answering. Before the rules, the self-recursive
 * model crashed the server's JVM (and this test's) inside ONNX Runtime.
 */
class HostileUploadApiTest {
    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass();

    private JsonNode refused(String model, ModelProto onnx, String rule, String element) {
        server.admin().createModel(model);
        JsonNode before = server.storedState();
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("file", onnx.toByteArray());
        parts.put("metadata", ServerFixture.REGRESSOR_METADATA);
        JsonNode error = server.admin().postMultipart("/api/v1/models/" + model + "/versions", parts)
                .expectError(422, rule, element);
        assertEquals(1, error.path("detail").size(), error.toString());
        JsonNode problem = error.path("detail").path(0);
        assertEquals("error", problem.path("severity").asText(), problem.toString());
        assertEquals("ONNX:" + rule, problem.path("code").asText(), problem.toString());
        assertTrue(problem.path("field").asText().contains(element), problem.toString());
        assertFalse(problem.path("fix").asText().isBlank(), problem.toString());
        assertFalse(error.toString().contains("upload-"), "names the server's spooled file: " + error);
        ServerFixture.assertUnchanged(before, server.storedState(), "a model breaking rule " + rule);
        return error;
    }

    @Test
    void aSelfRecursiveFunctionIs422NamingTheRuleAndTheServerStillAnswers() {
        refused("hostile-recursive", HostileModels.selfRecursiveFunction(), "recursive-function",
                "local.hostile:Recurse");
        server.anonymous().get("/api/v1/models/hostile-recursive").expect(200);
        assertEquals(1, server.admin().upload("hostile-recursive", ServerFixture.regressor(),
                ServerFixture.REGRESSOR_METADATA).path("number").asInt(), "the next good upload is version 1");
    }

    @Test
    void mutuallyRecursiveFunctionsAre422() {
        refused("hostile-mutual", HostileModels.mutuallyRecursiveFunctions(), "recursive-function",
                "local.hostile:Ping");
    }

    @Test
    void duplicateInitializerNamesAre422() {
        refused("hostile-duplicate", HostileModels.duplicateInitializerNames(), "duplicate-name", "fixture/w");
    }

    @Test
    void weightsWhoseBytesDisagreeWithTheirShapeAre422() {
        refused("hostile-short", HostileModels.weightsAsRawData(12), "tensor-data-size", "fixture/w");
        refused("hostile-long", HostileModels.weightsAsRawData(20), "tensor-data-size", "fixture/w");
    }

    /** Found by UploadFuzzTest (seed 20261201, case 151): ONNX Runtime aborted the server's JVM (exit 134) on it. */
    @Test
    void weightsOfNoKnownElementTypeAre422AndTheServerStillAnswers() {
        refused("hostile-type", HostileModels.weightsOfUnknownType(Integer.MIN_VALUE), "tensor-data-type",
                "fixture/w");
        server.anonymous().get("/api/v1/health").expect(200);
    }

    /** Found by UploadFuzzTest (seed 20261201, case 1150): ONNX Runtime aborted the server's JVM (double free). */
    @Test
    void aSparseInitializerIs422AndTheServerStillAnswers() {
        refused("hostile-sparse", HostileModels.sparseInitializerOutOfRange(), "sparse-tensor", "sparse");
        server.anonymous().get("/api/v1/health").expect(200);
    }

    /** Found by UploadFuzzTest (seed 20261201, case 1831): answered 500 (a formatting error) instead. */
    @Test
    void namesHoldingFormatSpecifiersAre422Not500() {
        refused("hostile-format", HostileModels.duplicateInputInASubgraphNamed("body%s"), "duplicate-name",
                "subgraph 'body%s'");
    }

    @Test
    void externalDataAnywhereIs422() {
        refused("hostile-external", HostileModels.externalDataInAFunction(), "external-data", "shift");
    }
}
