package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the server tells about itself: health, templates, preconfigured models, plugins, the caller. */
class CatalogApiTest {
    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass();

    @Test
    void healthAnswersAnyoneWithVersionAndDatabase() {
        JsonNode health = server.anonymous().get("/api/v1/health").expect(200).json();
        assertEquals("ok", health.path("status").asText());
        assertEquals("h2", health.path("database").asText());
        assertTrue(health.path("version").isTextual() && !health.path("version").asText().isBlank(), health.toString());
    }

    @Test
    void templatesListTheTextTemplateWithItsProperties() {
        JsonNode templates = server.anonymous().get("/api/v1/templates").expect(200).json();
        assertTrue(templates.has("text"), templates.toString());
        assertTrue(templates.path("text").isObject() && templates.path("text").size() > 0, templates.toString());
    }

    @Test
    void preconfiguredModelsIncludeMiniLm() {
        String preconfigured = server.anonymous().get("/api/v1/preconfigured").expect(200).text();
        assertTrue(preconfigured.contains("sentence-transformers/all-MiniLM-L6-v2"), preconfigured);
    }

    @Test
    void pluginsShowIdVersionAndExtensionsOfEachBuiltIn() {
        JsonNode plugins = server.anonymous().get("/api/v1/plugins").expect(200).json();
        Map<String, JsonNode> byId = new HashMap<>();
        plugins.forEach(p -> byId.put(p.path("id").asText(), p));
        assertTrue(byId.keySet().containsAll(java.util.Set.of("export-file", "export-oracle", "tokenizer-bert",
                "postprocessors")), byId.keySet().toString());
        for (JsonNode plugin : plugins) {
            assertTrue(plugin.path("version").asText().matches("\\d+\\.\\d+\\.\\d+.*"), plugin.toString());
            assertTrue(plugin.path("extensions").isObject() && plugin.path("extensions").size() > 0, plugin.toString());
        }
        assertEquals("file", byId.get("export-file").path("extensions").path("ExportTarget").path(0).asText(),
                byId.get("export-file").toString());
    }

    @Test
    void meTellsWhoCalls() {
        JsonNode admin = server.admin().get("/api/v1/me").expect(200).json();
        assertEquals("admin", admin.path("name").asText());
        assertEquals("admin", admin.path("role").asText());
        assertEquals("anonymous", server.anonymous().get("/api/v1/me").expect(200).json().path("name").asText());
    }

    @Test
    void unknownEndpointIsAJsonError() {
        server.anonymous().get("/api/v1/nothing-here").expectError(404);
    }
}
