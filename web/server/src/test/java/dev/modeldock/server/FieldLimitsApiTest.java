package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.registry.Limits;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.service.ReceivedFile;
import dev.modeldock.service.VersionService;
import dev.modeldock.testkit.api.ApiResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every free-text field has a documented length limit, checked before anything is written: one
 * character over it is a 400 naming the field and the limit, never a database error (500).
 */
class FieldLimitsApiTest {
    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass();

    @BeforeAll
    static void start() {
        server.admin().createModel("limits-model");
        server.admin().upload("limits-model", ServerFixture.regressor(), ServerFixture.REGRESSOR_METADATA);
        server.admin().post("/api/v1/targets", Map.of("name", "limits-files", "plugin", "file", "settings",
                Map.of("output_dir", "models"))).expect(201);
    }

    @Test
    void eachOverLongFieldIsRefusedByNameAndLimitAndNothingIsStored() {
        Map<String, Supplier<ApiResponse>> overLong = new LinkedHashMap<>();
        overLong.put("description 4000", () -> server.admin().post("/api/v1/models", Map.of("name", "limits-new",
                "description", "d".repeat(4001))));
        overLong.put("description 4000 ", () -> server.admin().patch("/api/v1/models/limits-model",
                Map.of("description", "d".repeat(4001))));
        overLong.put("label 200", () -> server.admin().post("/api/v1/users/admin/tokens",
                Map.of("label", "l".repeat(201))));
        overLong.put("target name 64", () -> server.admin().post("/api/v1/targets", Map.of("name", "t".repeat(65),
                "plugin", "file", "settings", Map.of("output_dir", "models"))));
        overLong.put("settings 100000", () -> server.admin().put("/api/v1/targets/limits-files", Map.of("plugin",
                "file", "settings", Map.of("output_dir", "s".repeat(100_000)))));
        overLong.put("secret settings 60000", () -> server.admin().post("/api/v1/targets", Map.of("name",
                "limits-oracle", "plugin", "oracle", "settings", Map.of("url", "jdbc:oracle:thin:@//db:1521/X",
                        "user", "SCOTT", "password", "p".repeat(60_001)))));
        overLong.put("databaseModelName 300", () -> server.admin().post("/api/v1/deployments", Map.of("model",
                "limits-model", "version", 1, "target", "limits-files", "databaseModelName", "M".repeat(301))));
        overLong.put("source 4096", () -> server.admin().post("/api/v1/models/limits-model/versions",
                Map.of("source", "/" + "s".repeat(4096))));
        overLong.put("revision 255", () -> server.admin().post("/api/v1/models/limits-model/versions",
                Map.of("source", "acme/model", "revision", "r".repeat(256))));
        overLong.put("template 64", () -> server.admin().post("/api/v1/models/limits-model/versions",
                Map.of("source", "/models/x", "template", "t".repeat(65))));
        overLong.put("config 100000", () -> server.admin().post("/api/v1/models/limits-model/versions",
                Map.of("source", "/models/x", "template", "text", "config", Map.of("languages",
                        List.of("x".repeat(100_001))))));

        JsonNode before = server.storedState();
        for (Map.Entry<String, Supplier<ApiResponse>> field : overLong.entrySet()) {
            String[] nameAndLimit = field.getKey().strip().split(" (?=\\d+$)");
            ApiResponse answer = field.getValue().get();
            String error = answer.expectError(400, nameAndLimit[0]).path("error").asText();
            assertTrue(error.contains(String.format("%,d", Integer.parseInt(nameAndLimit[1])))
                    || error.contains(nameAndLimit[1]), field.getKey() + ": " + error);
        }
        assertEquals(before, server.storedState(), "nothing stored");
    }

    /**
     * The service checks the upload's own fields before it reads the file, whatever called it: the
     * HTTP form has its own, looser transport bounds (a 4 MiB metadata part).
     */
    @Test
    void overLongUploadFieldsAreRefusedByTheServiceBeforeTheFileIsRead() {
        JsonNode before = server.storedState();
        ReceivedFile unread = file -> {
            throw new AssertionError("the file was read");
        };
        VersionService versions = server.server.services().versions();
        ModelDockException metadata = assertThrows(ModelDockException.class, () -> versions.upload("limits-model",
                unread, "model.onnx", "{\"pad\": \"" + "p".repeat(1_000_000) + "\"}", 26, "admin"));
        assertTrue(metadata.getMessage().contains("'metadata'") && metadata.getMessage().contains("1000000"),
                metadata.getMessage());
        ModelDockException fileName = assertThrows(ModelDockException.class, () -> versions.upload("limits-model",
                unread, "m".repeat(Limits.FILE_NAME + 1), ServerFixture.REGRESSOR_METADATA, 26, "admin"));
        assertTrue(fileName.getMessage().contains("'file name'") && fileName.getMessage().contains(String.valueOf(Limits.FILE_NAME)),
                fileName.getMessage());
        assertEquals(before, server.storedState(), "nothing stored");
    }

    @Test
    void theOpenApiDescriptionStatesTheLimits() {
        JsonNode paths = server.anonymous().get("/openapi.json").expect(200).json().path("paths");
        assertEquals(4000, schema(paths, "/api/v1/models", "post").path("description").path("maxLength").asInt());
        assertEquals(4000, schema(paths, "/api/v1/models/{name}", "patch").path("description").path("maxLength")
                .asInt());
        assertEquals(200, schema(paths, "/api/v1/users/{name}/tokens", "post").path("label").path("maxLength")
                .asInt());
        assertEquals(64, schema(paths, "/api/v1/targets", "post").path("name").path("maxLength").asInt());
        assertEquals(300, schema(paths, "/api/v1/deployments", "post").path("databaseModelName").path("maxLength")
                .asInt());
        assertEquals(64, schema(paths, "/api/v1/users", "post").path("name").path("maxLength").asInt());
    }

    private static JsonNode schema(JsonNode paths, String path, String method) {
        return paths.path(path).path(method).path("requestBody").path("content").path("application/json")
                .path("schema").path("properties");
    }
}
