package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.registry.Role;
import dev.modeldock.testkit.api.ApiResponse;
import dev.modeldock.testkit.api.MultipartBody;
import dev.modeldock.testkit.thirdparty.ThirdPartyPlugin;
import dev.modeldock.testkit.thirdparty.ThirdPartyPlugin.Failure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins on a running server: listed with their state, uploaded as a zip and started without a
 * restart, used by a conversion (and named in its provenance), disabled, enabled and removed by an
 * admin, and kept as they are across a restart. Hostile and broken uploads: {@link HostilePluginUploadApiTest}.
 */
class PluginsApiTest {
    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass();

    @TempDir
    Path temp;

    @Test
    void listsEveryBuiltInPluginWithItsVersionApiRangeStateAndExtensionsHidingItsFolderFromAnonymousReaders() {
        JsonNode plugins = server.anonymous().get("/api/v1/plugins").expect(200).json();
        Set<String> ids = new TreeSet<>();
        for (JsonNode plugin : plugins) {
            assertFalse(plugin.has("source"), "no server folder for anonymous readers: " + plugin);
            if (!plugin.path("builtIn").asBoolean()) {
                continue; // uploaded by the other tests of this class
            }
            ids.add(plugin.path("id").asText());
            assertEquals("STARTED", plugin.path("state").asText(), plugin.toString());
            assertTrue(plugin.path("reason").isNull(), plugin.toString());
            assertEquals("ModelDock", plugin.path("provider").asText(), plugin.toString());
            assertTrue(plugin.path("requires").asText().startsWith("^"), plugin.toString());
            assertTrue(plugin.path("extensions").size() > 0, plugin.toString());
        }
        assertEquals(Set.of("export-file", "export-oracle", "postprocessors", "tokenizer-bert", "tokenizer-bpe",
                "tokenizer-clip", "tokenizer-sentencepiece"), ids);
        JsonNode forAdmin = server.admin().get("/api/v1/plugins/postprocessors").expect(200).json();
        assertTrue(forAdmin.path("source").asText().endsWith("postprocessors"), forAdmin.toString());
        assertEquals(List.of("Dense", "Normalize", "Pooling", "Softmax"),
                texts(forAdmin.path("extensions").path("PostProcessor")));
    }

    @Test
    void anUploadedPostProcessorStartsWithoutARestartAConversionUsesItAndItsProvenanceOutlivesDisabling() {
        ThirdPartyPlugin passthrough = ThirdPartyPlugin.postProcessor("acme-pass", "Passthrough");
        JsonNode installed = install(passthrough.zip(true)).expect(201).json();
        assertEquals("STARTED", installed.path("state").asText(), installed.toString());
        assertFalse(installed.path("builtIn").asBoolean());
        assertEquals(List.of("Passthrough"), texts(installed.path("extensions").path("PostProcessor")));

        JsonNode job = convert("pass-model", "Passthrough");
        assertEquals("succeeded", job.path("state").asText(), job.toString());
        JsonNode version = server.admin().get("/api/v1/models/pass-model/versions/1").expect(200).json();
        assertEquals("acme-pass@1.0.0", version.path("lineage").path("plugins").path("post_processor:Passthrough")
                .asText(), version.path("lineage").toString());

        server.admin().delete("/api/v1/plugins/acme-pass").expectError(409, "pass-model version 1", "disable it");
        JsonNode disabled = server.admin().post("/api/v1/plugins/acme-pass/disable", Map.of()).expect(200).json();
        assertEquals("DISABLED", disabled.path("state").asText());
        assertEquals("acme-pass@1.0.0", server.admin().get("/api/v1/models/pass-model/versions/1").expect(200).json()
                .path("lineage").path("plugins").path("post_processor:Passthrough").asText(), "stored provenance stays");
        server.admin().post("/api/v1/models/pass-model/versions", conversion("Passthrough"))
                .expectError(400, "unknown post_processor 'Passthrough'");

        assertEquals("STARTED", server.admin().post("/api/v1/plugins/acme-pass/enable", Map.of()).expect(200).json()
                .path("state").asText());
        List<String> actions = new java.util.ArrayList<>();
        server.admin().get("/api/v1/audit?limit=1000").expect(200).json().forEach(entry -> {
            if (entry.path("subject").asText().equals("acme-pass")) {
                actions.add(entry.path("action").asText() + " by " + entry.path("actor").asText());
            }
        });
        assertEquals(List.of("plugin.enable by admin", "plugin.disable by admin", "plugin.install by admin"), actions);
    }

    @Test
    void anUploadedPluginIsUpgradedByUploadingItAgainAndRemovedWhenNoVersionNamesIt() {
        ThirdPartyPlugin plugin = ThirdPartyPlugin.postProcessor("acme-removable", "Removable");
        install(plugin.zip(false)).expect(201);
        JsonNode upgraded = install(plugin.withVersion("1.1.0").zip(false)).expect(201).json();
        assertEquals("1.1.0", upgraded.path("version").asText());
        assertEquals(1, ids().stream().filter("acme-removable"::equals).count());
        Path folder = server.dataDir.resolve("plugins/acme-removable");
        assertTrue(Files.isDirectory(folder));

        server.admin().delete("/api/v1/plugins/acme-removable").expect(204);
        assertFalse(ids().contains("acme-removable"));
        assertFalse(Files.exists(folder), "its files are gone");
        server.admin().get("/api/v1/plugins/acme-removable").expectError(404, "no plugin 'acme-removable'");
        server.admin().delete("/api/v1/plugins/acme-removable").expectError(404, "no plugin");
        server.admin().post("/api/v1/plugins/acme-removable/disable", Map.of()).expectError(404, "no plugin");
    }

    @Test
    void aBuiltInPluginIsDisabledNotRemovedAndOnlyAdminsChangePlugins() {
        server.admin().delete("/api/v1/plugins/export-file").expectError(409, "built into ModelDock", "disable it");
        install(ThirdPartyPlugin.postProcessor("postprocessors", "Other").zip(true))
                .expectError(409, "built into ModelDock");
        var editor = server.newUser(Role.EDITOR);
        editor.post("/api/v1/plugins/export-file/disable", Map.of()).expect(403);
        editor.post("/api/v1/plugins", MultipartBody.of(Map.of("file", new byte[] {1}))).expect(403);
        assertEquals("STARTED", server.anonymous().get("/api/v1/plugins/export-file").expect(200).json()
                .path("state").asText());
    }

    @Test
    void disabledPluginsStayDisabledAndUploadedOnesStayInstalledAcrossARestart() {
        Path dataDir = temp.resolve("data");
        try (ServerFixture first = ServerFixture.start(dataDir)) {
            first.admin().post("/api/v1/plugins/tokenizer-clip/disable", Map.of()).expect(200);
            first.admin().post("/api/v1/plugins", new MultipartBody().file("file", "kept.zip",
                    ThirdPartyPlugin.postProcessor("acme-kept", "Kept").zip(true))).expect(201);
        }
        try (ServerFixture second = ServerFixture.start(dataDir)) {
            assertEquals("DISABLED", second.admin().get("/api/v1/plugins/tokenizer-clip").expect(200).json()
                    .path("state").asText());
            assertEquals("STARTED", second.admin().get("/api/v1/plugins/acme-kept").expect(200).json()
                    .path("state").asText());
            second.admin().post("/api/v1/plugins/tokenizer-clip/enable", Map.of()).expect(200);
        }
        try (ServerFixture third = ServerFixture.start(dataDir)) {
            assertEquals("STARTED", third.admin().get("/api/v1/plugins/tokenizer-clip").expect(200).json()
                    .path("state").asText());
        }
    }

    static JsonNode convert(String model, String postProcessor) {
        server.admin().createModel(model);
        String id = server.admin().post("/api/v1/models/" + model + "/versions", conversion(postProcessor)).expect(202)
                .json().path("id").asText();
        return server.admin().awaitJob(id);
    }

    static Map<String, Object> conversion(String postProcessor) {
        return PluginsApiTestConversions.conversion(server, postProcessor);
    }

    static ApiResponse install(byte[] zip) {
        return server.admin().post("/api/v1/plugins", new MultipartBody().file("file", "plugin.zip", zip));
    }

    private static List<String> ids() {
        return server.admin().get("/api/v1/plugins").expect(200).json().findValuesAsText("id");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new java.util.ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
