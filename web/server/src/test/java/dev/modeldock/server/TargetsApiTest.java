package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.testkit.api.ApiResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Deployment target profiles: an export target plugin and its settings, secrets write-only and sealed. */
class TargetsApiTest {
    private static final String PASSWORD = "Sup3r-Secret-7a1b";

    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass();

    @Test
    void fileTargetIsCreatedReadChangedAndDeleted() {
        ApiResponse created = server.admin().post("/api/v1/targets", Map.of("name", "t-files",
                "plugin", "file", "settings", Map.of("output_dir", "models"))).expect(201);
        assertEquals("/api/v1/targets/t-files", created.header("Location"));
        JsonNode target = server.admin().get("/api/v1/targets/t-files").expect(200).json();
        assertEquals("file", target.path("plugin").asText());
        assertEquals("models", target.path("settings").path("output_dir").asText());
        assertEquals(0, target.path("secretsSet").size());
        assertTrue(names(server.admin().get("/api/v1/targets").expect(200).json()).contains("t-files"));

        JsonNode changed = server.admin().put("/api/v1/targets/t-files", Map.of("plugin", "file",
                "settings", Map.of("output_dir", "other"))).expect(200).json();
        assertEquals("other", changed.path("settings").path("output_dir").asText());
        assertEquals(changed, server.admin().get("/api/v1/targets/t-files").expect(200).json());

        server.admin().delete("/api/v1/targets/t-files").expect(204);
        server.admin().get("/api/v1/targets/t-files").expectError(404, "t-files");
        server.admin().delete("/api/v1/targets/t-files").expectError(404, "t-files");
        server.admin().put("/api/v1/targets/t-files", Map.of("plugin", "file", "settings", Map.of()))
                .expectError(404, "t-files");
    }

    @Test
    void aProfileCannotTakeANameThatAPathUsesAlready() {
        for (String reserved : java.util.List.of("plugins", "new")) {
            server.admin().post("/api/v1/targets", Map.of("name", reserved, "plugin", "file", "settings",
                    Map.of("output_dir", "reserved"))).expectError(400, "cannot be called '" + reserved + "'");
        }
    }

    @Test
    void secretsAreWriteOnlyAndStoredEncrypted() throws Exception {
        server.admin().post("/api/v1/targets", Map.of("name", "t-oracle", "plugin", "oracle", "settings",
                Map.of("url", "jdbc:oracle:thin:@//db:1521/FREEPDB1", "user", "SCOTT", "password", PASSWORD)))
                .expect(201).json();
        JsonNode target = server.admin().get("/api/v1/targets/t-oracle").expect(200).json();
        assertEquals(List.of("password"), ModelsApiTest.strings(target.path("secretsSet")));
        assertFalse(target.path("settings").has("password"), target.toString());
        assertEquals("SCOTT", target.path("settings").path("user").asText());
        for (String path : List.of("/api/v1/targets", "/api/v1/targets/t-oracle")) {
            assertFalse(server.admin().get(path).text().contains(PASSWORD), path);
        }

        // A change that does not repeat the password keeps it.
        JsonNode changed = server.admin().put("/api/v1/targets/t-oracle", Map.of("name", "t-oracle", "plugin",
                "oracle", "settings", Map.of("url", "jdbc:oracle:thin:@//db2:1521/FREEPDB1", "user", "SCOTT")))
                .expect(200).json();
        assertFalse(changed.toString().contains(PASSWORD));
        assertEquals(List.of("password"), ModelsApiTest.strings(changed.path("secretsSet")));
        assertEquals(PASSWORD, server.server.registry().targets().settingsForExport("t-oracle").get("password"));
        assertEquals("jdbc:oracle:thin:@//db2:1521/FREEPDB1",
                server.server.registry().targets().settingsForExport("t-oracle").get("url"));

        try (Connection connection = DriverManager.getConnection(
                dev.modeldock.registry.RegistryDatabase.embeddedUrl(server.dataDir), "", "");
                ResultSet row = connection.createStatement().executeQuery(
                        "SELECT settings_json, secrets FROM target WHERE name = 't-oracle'")) {
            assertTrue(row.next());
            assertFalse(row.getString(1).contains(PASSWORD), row.getString(1));
            assertTrue(row.getString(2) != null && !row.getString(2).contains(PASSWORD), "sealed, not plain");
        }
    }

    @Test
    void refusedTargetRequestsChangeNothing() {
        server.admin().post("/api/v1/targets", Map.of("name", "t-existing", "plugin", "file", "settings",
                Map.of("output_dir", "existing"))).expect(201);
        JsonNode before = server.storedState();
        server.admin().post("/api/v1/targets", Map.of("name", "t-existing", "plugin", "file", "settings",
                Map.of("output_dir", "existing"))).expectError(409, "already exists");
        server.admin().post("/api/v1/targets", Map.of("name", "t-ftp", "plugin", "ftp", "settings", Map.of()))
                .expectError(400, "ftp");
        server.admin().post("/api/v1/targets", Map.of("name", "t-noplugin", "settings", Map.of()))
                .expectError(400, "plugin");
        server.admin().post("/api/v1/targets", Map.of("plugin", "file", "settings", Map.of()))
                .expectError(400, "target name");
        server.admin().post("/api/v1/targets", Map.of("name", "../etc", "plugin", "file", "settings", Map.of()))
                .expectError(400, "../etc");
        server.admin().post("/api/v1/targets", "{\"name\": \"t-null\", \"plugin\": \"file\", \"settings\":"
                + " {\"output_dir\": null}}").expectError(400, "output_dir");
        server.admin().post("/api/v1/targets", Map.of("name", "t-list", "plugin", "file", "settings",
                Map.of("output_dir", List.of("a")))).expectError(400, "settings");
        server.admin().put("/api/v1/targets/t-existing", Map.of("name", "t-other", "plugin", "file",
                "settings", Map.of())).expectError(400, "t-other");
        server.admin().get("/api/v1/targets/t-nothing").expectError(404, "t-nothing");
        ServerFixture.assertUnchanged(before, server.storedState(), "refused target requests");
    }

    private static List<String> names(JsonNode targets) {
        List<String> names = new java.util.ArrayList<>();
        targets.forEach(t -> names.add(t.path("name").asText()));
        return names;
    }
}
