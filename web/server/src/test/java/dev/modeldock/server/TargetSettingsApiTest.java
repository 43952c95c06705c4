package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.testkit.api.ApiResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Target profiles held against their export target's settings declaration, which the API lists;
 * files named by settings confined to the server's folder for target files; and a deployment name
 * asked for only by targets that use one.
 */
class TargetSettingsApiTest {
    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass();
    @TempDir
    static Path outside;

    @Test
    void theExportTargetsAreListedWithTheirSettingsDeclarationAndNoValues() {
        JsonNode plugins = server.anonymous().get("/api/v1/targets/plugins").expect(200).json();
        JsonNode file = byName(plugins, "file");
        assertFalse(file.path("needsName").asBoolean(), file.toString());
        JsonNode outputDir = byName(file.path("settings"), "output_dir");
        assertEquals(List.of("path", "true", "false"), List.of(outputDir.path("type").asText(),
                outputDir.path("required").asText(), outputDir.path("secret").asText()));
        assertFalse(outputDir.path("description").asText().isBlank(), outputDir.toString());
        assertTrue(outputDir.has("default") && outputDir.path("default").isNull(), outputDir.toString());

        JsonNode oracle = byName(plugins, "oracle");
        assertTrue(oracle.path("needsName").asBoolean(), oracle.toString());
        assertTrue(byName(oracle.path("settings"), "password").path("secret").asBoolean(), oracle.toString());
        assertFalse(byName(oracle.path("settings"), "user").path("secret").asBoolean(), oracle.toString());
        assertEquals("path", byName(oracle.path("settings"), "profile").path("type").asText());
        assertEquals("path", byName(oracle.path("settings"), "password_file").path("type").asText());
    }

    @Test
    void theOpenApiDocumentDescribesTheListAndItsSchema() {
        JsonNode doc = server.anonymous().get("/openapi.json").expect(200).json();
        assertTrue(doc.path("paths").path("/api/v1/targets/plugins").has("get"), "not described");
        JsonNode setting = doc.path("components").path("schemas").path("TargetPlugin").path("properties")
                .path("settings").path("items").path("properties");
        for (String field : List.of("name", "type", "required", "secret", "description", "default")) {
            assertTrue(setting.has(field), field + " not in " + setting);
        }
        JsonNode deployment = doc.path("paths").path("/api/v1/deployments").path("post").path("requestBody")
                .path("content").path("application/json").path("schema");
        assertEquals("[\"model\",\"target\"]", deployment.path("required").toString(),
                "databaseModelName is required only by targets that need a name");
    }

    @Test
    void aFileTargetWithoutItsFolderIsRefusedNamingTheSetting() {
        JsonNode before = server.storedState();
        server.admin().post("/api/v1/targets", Map.of("name", "no-folder", "plugin", "file", "settings", Map.of()))
                .expectError(400, "'output_dir' is required");
        ServerFixture.assertUnchanged(before, server.storedState(), "a file target without output_dir");
    }

    @Test
    void anUnknownSettingIsRefusedNamingItAndTheKnownOnes() {
        ApiResponse refused = server.admin().post("/api/v1/targets", Map.of("name", "typo", "plugin", "oracle",
                "settings", Map.of("url", "jdbc:oracle:thin:@//db:1521/X", "usr", "SCOTT")));
        refused.expectError(400, "'usr'");
        for (String known : List.of("profile", "url", "user", "password", "password_env", "password_file")) {
            assertTrue(refused.text().contains(known), refused.text());
        }
        server.admin().get("/api/v1/targets/typo").expectError(404, "typo");
    }

    @Test
    void aPathSettingLeavingTheFolderForTargetFilesIsRefusedNamingIt() throws Exception {
        Path targets = server.dataDir.resolve("targets");
        Files.createSymbolicLink(targets.resolve("elsewhere"), outside);
        JsonNode before = server.storedState();
        Map<String, String> refused = new HashMap<>();
        refused.put("absolute", outside.toString());
        refused.put("escaping", "models/../../models");
        refused.put("linked", "elsewhere/models");
        refused.put("data folder", server.dataDir.toString());
        refused.forEach((what, folder) -> server.admin().post("/api/v1/targets", Map.of("name", "leaving", "plugin",
                "file", "settings", Map.of("output_dir", folder))).expectError(400, "'output_dir'"));
        // The server's own secret key, named as a connection profile or password file, is neither read nor quoted.
        String key = Files.readString(server.dataDir.resolve("secret.key")).strip();
        refusedOracle("profile", Map.of("profile", "../secret.key"), key);
        refusedOracle("profile", Map.of("profile", server.dataDir.resolve("secret.key").toString()), key);
        refusedOracle("password_file", Map.of("url", "jdbc:oracle:thin:@//db:1521/X", "user", "U", "password_file",
                "../secret.key"), key);
        ServerFixture.assertUnchanged(before, server.storedState(), "path settings leaving the folder");
        assertEquals(List.of(), List.of(outside.toFile().list()), "nothing written outside");
    }

    @Test
    void aRelativeFolderIsResolvedInTheFolderForTargetFilesAndAFileTargetNeedsNoName() throws Exception {
        server.admin().post("/api/v1/targets", Map.of("name", "inside", "plugin", "file", "settings",
                Map.of("output_dir", "team/models"))).expect(201);
        server.admin().createModel("named-by-model");
        byte[] onnx = ServerFixture.regressor();
        server.admin().upload("named-by-model", onnx, ServerFixture.REGRESSOR_METADATA);

        JsonNode accepted = server.admin().post("/api/v1/deployments", Map.of("model", "named-by-model", "version", 1,
                "target", "inside")).expect(202).json();
        JsonNode job = server.admin().awaitJob(accepted.path("id").asText());
        assertEquals("succeeded", job.path("state").asText(), job.toString());
        Path written = server.dataDir.resolve("targets/team/models/named-by-model.onnx");
        assertArrayEquals(onnx, Files.readAllBytes(written));
        assertEquals("named-by-model", accepted.path("deployment").path("databaseModelName").asText());
    }

    @Test
    void aConfiguredFolderForTargetFilesTakesThePlaceOfTheDefault(@TempDir Path data, @TempDir Path exports) {
        try (ServerFixture other = ServerFixture.start(data, config -> config.targetsDir = exports)) {
            other.admin().post("/api/v1/targets", Map.of("name", "given", "plugin", "file", "settings",
                    Map.of("output_dir", exports.resolve("team").toString()))).expect(201);
            other.admin().post("/api/v1/targets", Map.of("name", "default", "plugin", "file", "settings",
                    Map.of("output_dir", data.resolve("targets").toString()))).expectError(400, "'output_dir'");
        }
    }

    private static void refusedOracle(String setting, Map<String, String> settings, String secret) {
        ApiResponse answer = server.admin().post("/api/v1/targets", Map.of("name", "leaving", "plugin", "oracle",
                "settings", settings));
        answer.expectError(400, "'" + setting + "'");
        assertFalse(answer.text().contains(secret), answer.text());
    }

    private static JsonNode byName(JsonNode array, String name) {
        for (JsonNode element : array) {
            if (element.path("name").asText().equals(name)) {
                return element;
            }
        }
        throw new AssertionError("no '" + name + "' in " + array);
    }
}
