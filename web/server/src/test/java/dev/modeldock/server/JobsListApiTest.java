package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/v1/jobs}: every job the server ran, newest first, filtered by state, kind and
 * model and paged like {@code /models}. The server is this class's own, so its jobs are exactly the
 * three made here: a failed conversion of each of two models, and a deployment of the first.
 */
class JobsListApiTest {
    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass();
    static List<String> madeInOrder = new ArrayList<>();

    @BeforeAll
    static void runThreeJobs() throws Exception {
        // config.json passes the request's check; without an encoder the job itself fails, quickly.
        // Inside the server's default source root, DATA_DIR/sources.
        Path noEncoder = Files.createDirectories(server.dataDir.resolve("sources/acme/no-encoder"));
        Files.writeString(noEncoder.resolve("config.json"), "{\"max_position_embeddings\": 512}");
        for (String model : List.of("jobs-a", "jobs-b")) {
            server.admin().createModel(model);
            String id = server.admin().post("/api/v1/models/" + model + "/versions", Map.of("source",
                    noEncoder.toString(), "template", "text", "config", Map.of("max_seq_length", 128)))
                    .expect(202).json().path("id").asText();
            assertEquals("failed", server.admin().awaitJob(id).path("state").asText());
            madeInOrder.add(id);
        }
        server.admin().upload("jobs-a", ServerFixture.regressor(), ServerFixture.REGRESSOR_METADATA);
        server.admin().post("/api/v1/targets", Map.of("name", "files", "plugin", "file",
                "settings", Map.of("output_dir", "out"))).expect(201);
        String deployment = server.admin().post("/api/v1/deployments", Map.of("model", "jobs-a", "version", 1,
                "target", "files", "databaseModelName", "JOBS_A")).expect(202).json().path("id").asText();
        assertEquals("succeeded", server.admin().awaitJob(deployment).path("state").asText());
        madeInOrder.add(deployment);
    }

    @Test
    void listsEveryJobNewestFirstAsEachJobReadsAlone() {
        JsonNode page = server.anonymous().get("/api/v1/jobs").expect(200).json();
        assertEquals(3, page.path("total").asInt(), page.toString());
        assertEquals(0, page.path("offset").asInt());
        assertEquals(50, page.path("limit").asInt());
        assertEquals(List.of(madeInOrder.get(2), madeInOrder.get(1), madeInOrder.get(0)), ids(page));
        for (JsonNode job : page.path("items")) {
            assertEquals(server.anonymous().get("/api/v1/jobs/" + job.path("id").asText()).expect(200).json(), job);
        }
        assertEquals("jobs-a", page.path("items").path(0).path("model").asText(), page.toString());
    }

    @Test
    void withoutATokenTheListShowsNoRequestLogOrErrorWithATokenItDoes() {
        for (JsonNode job : server.anonymous().get("/api/v1/jobs?state=failed").expect(200).json().path("items")) {
            for (String hidden : List.of("request", "result", "error", "stage", "createdBy")) {
                assertTrue(job.path(hidden).isMissingNode(), hidden + " shown to an anonymous reader: " + job);
            }
        }
        for (JsonNode job : server.admin().get("/api/v1/jobs?state=failed").expect(200).json().path("items")) {
            assertTrue(job.path("error").isTextual(), job.toString());
        }
    }

    @Test
    void filtersByStateKindAndModel() {
        assertEquals(List.of(madeInOrder.get(1), madeInOrder.get(0)), ids(jobs("?kind=conversion")));
        assertEquals(List.of(madeInOrder.get(2)), ids(jobs("?kind=deployment")));
        assertEquals(List.of(madeInOrder.get(1), madeInOrder.get(0)), ids(jobs("?state=failed")));
        assertEquals(List.of(madeInOrder.get(2)), ids(jobs("?state=succeeded")));
        assertEquals(List.of(), ids(jobs("?state=running")));
        assertEquals(List.of(madeInOrder.get(2), madeInOrder.get(0)), ids(jobs("?model=jobs-a")));
        assertEquals(List.of(madeInOrder.get(0)), ids(jobs("?model=jobs-a&kind=conversion&state=failed")));
        assertEquals(List.of(), ids(jobs("?model=jobs-none")));
    }

    @Test
    void pagesLikeModels() {
        JsonNode second = jobs("?limit=1&offset=1");
        assertEquals(List.of(madeInOrder.get(1)), ids(second));
        assertEquals(3, second.path("total").asInt());
        assertEquals(1, second.path("offset").asInt());
        assertEquals(1, second.path("limit").asInt());
        assertEquals(List.of(), ids(jobs("?offset=3")));
    }

    @Test
    void invalidFiltersAre400NamingTheAllowedValues() {
        server.anonymous().get("/api/v1/jobs?state=done").expectError(400, "queued, running, succeeded, failed");
        server.anonymous().get("/api/v1/jobs?kind=upload").expectError(400, "conversion, deployment");
        server.anonymous().get("/api/v1/jobs?model=no%20spaces").expectError(400, "model name");
        server.anonymous().get("/api/v1/jobs?limit=0").expectError(400, "limit");
        server.anonymous().get("/api/v1/jobs?limit=501").expectError(400, "limit");
        server.anonymous().get("/api/v1/jobs?offset=-1").expectError(400, "offset");
    }

    private static JsonNode jobs(String query) {
        return server.anonymous().get("/api/v1/jobs" + query).expect(200).json();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(job -> ids.add(job.path("id").asText()));
        return ids;
    }
}
