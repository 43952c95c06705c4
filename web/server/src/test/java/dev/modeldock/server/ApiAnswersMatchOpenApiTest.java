package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.testkit.api.ApiResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the server answers is what {@code /openapi.json} says it answers: each write made here and
 * every JSON read of the API, checked against the schema its operation declares for that status.
 */
class ApiAnswersMatchOpenApiTest {
    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass();
    /** The answers of the writes made below, by "METHOD path-template". */
    static final Map<String, ApiResponse> writes = new LinkedHashMap<>();
    static String jobId;
    static long deploymentId;

    @BeforeAll
    static void fillTheRegistry() {
        writes.put("POST /api/v1/models", server.admin().post("/api/v1/models", Map.of("name", "described")));
        writes.put("PATCH /api/v1/models/{name}", server.admin().patch("/api/v1/models/described",
                Map.of("tags", List.of("demo"))));
        server.admin().upload("described", ServerFixture.regressor(), ServerFixture.REGRESSOR_METADATA);
        Map<String, Object> upload = new LinkedHashMap<>();
        upload.put("file", ServerFixture.regressor());
        upload.put("metadata", ServerFixture.REGRESSOR_METADATA);
        writes.put("POST /api/v1/models/{name}/versions", server.admin().postMultipart(
                "/api/v1/models/described/versions", upload));
        writes.put("PUT /api/v1/models/{name}/aliases/{alias}", server.admin().put(
                "/api/v1/models/described/aliases/prod", Map.of("version", 1)));
        writes.put("POST /api/v1/targets", server.admin().post("/api/v1/targets", Map.of("name", "files",
                "plugin", "file", "settings", Map.of("output_dir", "described"))));
        writes.put("POST /api/v1/users", server.admin().post("/api/v1/users", Map.of("name", "reader",
                "role", "viewer")));
        writes.put("POST /api/v1/users/{name}/tokens", server.admin().post("/api/v1/users/reader/tokens",
                Map.of("label", "described")));
        ApiResponse deploy = server.admin().post("/api/v1/deployments", Map.of("model", "described", "alias", "prod",
                "target", "files", "databaseModelName", "DESCRIBED"));
        writes.put("POST /api/v1/deployments", deploy);
        jobId = deploy.expect(202).json().path("id").asText();
        deploymentId = deploy.json().path("deployment").path("id").asLong();
        assertEquals("succeeded", server.admin().awaitJob(jobId).path("state").asText());
        writes.put("POST /api/v1/plugins/{id}/disable", server.admin().post("/api/v1/plugins/tokenizer-clip/disable",
                Map.of()));
        writes.put("POST /api/v1/plugins/{id}/enable", server.admin().post("/api/v1/plugins/tokenizer-clip/enable",
                Map.of()));
        writes.put("POST /api/v1/deployments/{id}/check", server.admin().post("/api/v1/deployments/" + deploymentId
                + "/check", Map.of()));
    }

    @Test
    void writesAnswerAsTheirSchemasSay() {
        JsonNode doc = server.anonymous().get("/openapi.json").expect(200).json();
        SchemaCheck check = new SchemaCheck(doc);
        List<String> problems = new ArrayList<>();
        assertTrue(writes.get("POST /api/v1/models/{name}/versions").json().has("identicalTo"),
                "the upload repeats version 1, so the schema's optional property is exercised");
        writes.forEach((operation, answer) -> {
            String[] parts = operation.split(" ");
            JsonNode schema = jsonSchema(doc, parts[1], parts[0], answer.status());
            assertTrue(answer.status() / 100 == 2, operation + ": " + answer.status() + " " + answer.text());
            check.problems(answer.json(), schema).forEach(p -> problems.add(operation + " " + p));
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void everyJsonReadAnswersAsItsSchemaSays() {
        JsonNode doc = server.anonymous().get("/openapi.json").expect(200).json();
        SchemaCheck check = new SchemaCheck(doc);
        List<String> problems = new ArrayList<>();
        List<String> read = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> {
            JsonNode get = path.getValue().path("get");
            JsonNode schema = get.path("responses").path("200").path("content").path("application/json")
                    .path("schema");
            if (schema.isMissingNode()) {
                return; // a file or an event stream
            }
            ApiResponse answer = server.admin().get(concrete(path.getKey()));
            assertEquals(200, answer.status(), path.getKey() + ": " + answer.text());
            check.problems(answer.json(), schema).forEach(p -> problems.add("GET " + path.getKey() + " " + p));
            read.add(path.getKey());
        });
        assertEquals(List.of(), problems);
        assertTrue(read.contains("/api/v1/jobs/{id}") && read.contains("/api/v1/deployments/{id}")
                && read.contains("/api/v1/models/{name}/versions"), read.toString());
    }

    /** The path with its parameters filled in from what {@link #fillTheRegistry} made. */
    private static String concrete(String template) {
        String id = template.startsWith("/api/v1/jobs/") ? jobId : template.startsWith("/api/v1/plugins/")
                ? "postprocessors" : String.valueOf(deploymentId);
        String name = template.startsWith("/api/v1/targets/") ? "files"
                : template.startsWith("/api/v1/users/") ? "reader" : "described";
        return template.replace("{name}", name).replace("{version}", "1").replace("{alias}", "prod")
                .replace("{id}", id);
    }

    private static JsonNode jsonSchema(JsonNode doc, String path, String method, int status) {
        JsonNode schema = doc.path("paths").path(path).path(method.toLowerCase(Locale.ROOT)).path("responses")
                .path(String.valueOf(status)).path("content").path("application/json").path("schema");
        assertTrue(schema.isObject(), method + " " + path + " " + status + " declares no JSON schema");
        return schema;
    }
}
