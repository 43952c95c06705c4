package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.plan.PipelineFunction;
import dev.modeldock.server.api.Endpoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /openapi.json}: an OpenAPI 3 document that describes every endpoint the server answers. */
class OpenApiTest {
    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass(config -> config.auth.anonymousRead = false);

    @Test
    void describesEveryEndpointOfTheServer() {
        JsonNode doc = server.anonymous().get("/openapi.json").expect(200).json();
        assertTrue(doc.path("openapi").asText().startsWith("3."), doc.path("openapi").toString());
        assertFalse(doc.path("info").path("title").asText().isBlank());
        JsonNode paths = doc.path("paths");
        for (Endpoint endpoint : server.server.endpoints()) {
            if (endpoint.path().equals("/openapi.json")) {
                continue; // the document need not describe itself
            }
            JsonNode operation = paths.path(endpoint.path()).path(endpoint.method().toLowerCase(Locale.ROOT));
            assertTrue(operation.isObject(), endpoint.method() + " " + endpoint.path() + " is not described");
            assertFalse(operation.path("summary").asText().isBlank(), endpoint.path());
            assertTrue(operation.path("responses").has(String.valueOf(endpoint.okStatus())), operation.toString());
        }
    }

    @Test
    void describesEachEndpointOfTheSpecification() {
        JsonNode paths = server.anonymous().get("/openapi.json").expect(200).json().path("paths");
        String[][] expected = {
            {"get", "/api/v1/health"}, {"get", "/api/v1/templates"}, {"get", "/api/v1/preconfigured"},
            {"get", "/api/v1/plugins"}, {"get", "/api/v1/models"}, {"post", "/api/v1/models"},
            {"get", "/api/v1/models/{name}"}, {"patch", "/api/v1/models/{name}"}, {"delete", "/api/v1/models/{name}"},
            {"get", "/api/v1/models/{name}/versions"}, {"post", "/api/v1/models/{name}/versions"},
            {"get", "/api/v1/models/{name}/versions/{version}"},
            {"get", "/api/v1/models/{name}/versions/{version}/artifact"},
            {"put", "/api/v1/models/{name}/aliases/{alias}"}, {"delete", "/api/v1/models/{name}/aliases/{alias}"},
            {"get", "/api/v1/jobs"}, {"get", "/api/v1/jobs/{id}"}, {"get", "/api/v1/jobs/{id}/events"},
            {"get", "/api/v1/targets"}, {"post", "/api/v1/targets"}, {"get", "/api/v1/targets/{name}"},
            {"put", "/api/v1/targets/{name}"}, {"delete", "/api/v1/targets/{name}"},
            {"post", "/api/v1/deployments"}, {"get", "/api/v1/deployments"}, {"get", "/api/v1/deployments/{id}"},
            {"post", "/api/v1/deployments/{id}/check"}};
        for (String[] operation : expected) {
            assertTrue(paths.path(operation[1]).has(operation[0]), operation[0] + " " + operation[1]);
        }
    }

    @Test
    void everySuccessfulAnswerDeclaresItsBodyOrThatItHasNone() {
        JsonNode doc = server.anonymous().get("/openapi.json").expect(200).json();
        List<String> undeclared = new ArrayList<>();
        List<String> walked = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation ->
                operation.getValue().path("responses").fields().forEachRemaining(response -> {
                    if (!response.getKey().startsWith("2")) {
                        return;
                    }
                    String where = operation.getKey() + " " + path.getKey() + " " + response.getKey();
                    walked.add(where);
                    JsonNode content = response.getValue().path("content");
                    if (response.getKey().equals("204")) {
                        if (!content.isMissingNode()) {
                            undeclared.add(where + ": a 204 with content " + content);
                        }
                        return;
                    }
                    if (content.size() == 0) {
                        undeclared.add(where + ": no media type");
                    }
                    content.fields().forEachRemaining(media -> {
                        JsonNode schema = media.getValue().path("schema");
                        if (!(schema.has("$ref") || schema.has("type") || schema.has("allOf"))) {
                            undeclared.add(where + " " + media.getKey() + ": no schema");
                        } else if (!media.getKey().equals("application/json") && !schema.path("type").asText()
                                .equals("string")) {
                            undeclared.add(where + " " + media.getKey() + ": a body that is not JSON is a string");
                        }
                    });
                })));
        assertEquals(List.of(), undeclared);
        assertTrue(walked.size() >= server.server.endpoints().size() - 1, walked.toString());
    }

    @Test
    void everySchemaReferenceNamesAComponent() {
        JsonNode doc = server.anonymous().get("/openapi.json").expect(200).json();
        List<String> references = new ArrayList<>();
        collectReferences(doc.path("paths"), references);
        collectReferences(doc.path("components"), references);
        assertTrue(references.contains("#/components/schemas/UploadedVersion"), references.toString());
        String prefix = "#/components/schemas/";
        for (String reference : references) {
            assertTrue(reference.startsWith(prefix), reference);
            assertTrue(doc.path("components").path("schemas").has(reference.substring(prefix.length())),
                    reference + " names no component");
        }
    }

    private static void collectReferences(JsonNode node, List<String> into) {
        if (node.has("$ref")) {
            into.add(node.path("$ref").asText());
        }
        node.elements().forEachRemaining(child -> collectReferences(child, into));
    }

    @Test
    void pathParametersAndBearerSecurityAreDeclared() {
        JsonNode doc = server.anonymous().get("/openapi.json").expect(200).json();
        JsonNode getVersion = doc.path("paths").path("/api/v1/models/{name}/versions/{version}").path("get");
        assertEquals(2, getVersion.path("parameters").size(), getVersion.toString());
        assertEquals("bearer", doc.path("components").path("securitySchemes").path("bearer").path("scheme").asText());
        assertEquals("admin", doc.path("paths").path("/api/v1/targets").path("post").path("x-required-role").asText());
        assertTrue(doc.path("paths").path("/api/v1/models").path("post").path("requestBody").isObject());
    }

    @Test
    void describesTheUploadFormBesideTheConversionRequest() {
        JsonNode create = server.anonymous().get("/openapi.json").expect(200).json().path("paths")
                .path("/api/v1/models/{name}/versions").path("post");
        JsonNode content = create.path("requestBody").path("content");
        assertEquals("object", content.path("application/json").path("schema").path("type").asText());
        JsonNode form = content.path("multipart/form-data").path("schema");
        assertEquals("binary", form.path("properties").path("file").path("format").asText(), form.toString());
        assertTrue(form.path("properties").has("metadata"), form.toString());
        assertTrue(create.path("responses").has("202") && create.path("responses").has("201"),
                create.path("responses").toString());
        JsonNode source = content.path("application/json").path("schema").path("properties").path("source");
        assertTrue(source.path("description").asText().contains("--source-root"), source.toString());
        assertEquals(4096, source.path("maxLength").asInt(), source.toString());
        assertTrue(source.path("description").asText().contains("downloaded from the hub"), source.toString());
        JsonNode revision = content.path("application/json").path("schema").path("properties").path("revision");
        assertEquals(255, revision.path("maxLength").asInt(), revision.toString());
        assertTrue(revision.path("description").asText().contains("branch, tag or commit"), revision.toString());
        JsonNode gate = content.path("application/json").path("schema").path("properties").path("ignoreQualityGate");
        assertEquals("boolean", gate.path("type").asText(), gate.toString());
        assertTrue(gate.path("description").asText().contains("quality.waived"), gate.toString());
    }

    @Test
    void theConversionsFunctionOffersEveryFunctionTheEngineBuilds() {
        JsonNode function = server.anonymous().get("/openapi.json").expect(200).json().path("paths")
                .path("/api/v1/models/{name}/versions").path("post").path("requestBody").path("content")
                .path("application/json").path("schema").path("properties").path("function");
        List<String> offered = new ArrayList<>();
        function.path("enum").forEach(value -> offered.add(value.asText()));
        assertEquals(Arrays.stream(PipelineFunction.values()).map(PipelineFunction::jsonName).toList(), offered,
                function.toString());
        assertTrue(offered.contains("regression"), offered.toString());
        assertTrue(function.path("description").asText().contains("metadata.function"), function.toString());
    }

    @Test
    void describesQueryParameters() {
        JsonNode paths = server.anonymous().get("/openapi.json").expect(200).json().path("paths");
        assertEquals(java.util.Set.of("q", "tag", "alias", "sort", "offset", "limit"),
                queryParameters(paths.path("/api/v1/models").path("get")));
        assertEquals(java.util.Set.of("model"), queryParameters(paths.path("/api/v1/deployments").path("get")));
        assertEquals(java.util.Set.of("state", "kind", "model", "offset", "limit"),
                queryParameters(paths.path("/api/v1/jobs").path("get")));
        assertEquals(java.util.Set.of("offset", "limit"),
                queryParameters(paths.path("/api/v1/models/{name}/versions").path("get")));
        assertEquals(java.util.Set.of("targetRelease"),
                queryParameters(paths.path("/api/v1/models/{name}/versions").path("post")));
    }

    private static java.util.Set<String> queryParameters(JsonNode operation) {
        java.util.Set<String> names = new java.util.HashSet<>();
        operation.path("parameters").forEach(p -> {
            if (p.path("in").asText().equals("query")) {
                assertTrue(p.path("schema").has("type"), p.toString());
                names.add(p.path("name").asText());
            }
        });
        return names;
    }

    @Test
    void isPublicEvenWithAnonymousReadsOff() {
        server.anonymous().get("/openapi.json").expect(200);
        server.anonymous().get("/api/v1/health").expect(200);
        server.anonymous().get("/api/v1/models").expectError(401, "token");
    }
}
