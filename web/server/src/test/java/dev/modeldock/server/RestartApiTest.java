package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server started again over the same data folder serves what the last one stored, and numbers on. */
class RestartApiTest {
    @TempDir
    Path dataDir;

    @Test
    void storedModelsVersionsAliasesAndTargetsSurviveARestart() {
        byte[] onnx = ServerFixture.regressor();
        JsonNode state;
        try (ServerFixture first = ServerFixture.start(dataDir)) {
            first.admin().createModel("kept-model");
            first.admin().upload("kept-model", onnx, ServerFixture.REGRESSOR_METADATA);
            first.admin().put("/api/v1/models/kept-model/aliases/prod", Map.of("version", 1)).expect(200);
            first.admin().post("/api/v1/targets", Map.of("name", "oracle-db", "plugin", "oracle", "settings",
                    Map.of("url", "jdbc:oracle:thin:@//db/x", "user", "SCOTT", "password", "p"))).expect(201);
            state = first.storedState();
        }
        try (ServerFixture second = ServerFixture.start(dataDir)) {
            ServerFixture.assertUnchanged(state, second.storedState(), "a restart");
            assertArrayEquals(onnx, second.anonymous().get("/api/v1/models/kept-model/versions/prod/artifact")
                    .expect(200).body());
            assertEquals("p", second.server.registry().targets().settingsForExport("oracle-db").get("password"),
                    "the secret key is the data folder's, so secrets still open");
            assertEquals(2, second.admin().upload("kept-model", ServerFixture.classifier(),
                    ServerFixture.CLASSIFIER_METADATA).path("number").asInt());
        }
    }
}
