package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.registry.JobQuery;
import dev.modeldock.registry.Role;
import dev.modeldock.testkit.CrossEncoderHubFolder;
import dev.modeldock.testkit.MiniLmHubFolder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A conversion job's function: a cross-encoder converted as a reranker (function regression) through
 * the API, its version recording the function; a function that does not exist, or post_processors
 * for one that takes none, refused before a job starts; a model that does not suit its function a
 * failed job saying which function it needs.
 */
class RerankerJobApiTest {
    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass();
    static Path crossEncoder;
    static Path miniLm;

    @BeforeAll
    static void placeModelsInTheSourceRoot() {
        Path hub = server.dataDir.resolve("sources").resolve("hub");
        crossEncoder = CrossEncoderHubFolder.create(hub);
        miniLm = MiniLmHubFolder.create(hub);
    }

    @Test
    void aCrossEncoderConvertedAsRegressionIsAVersionWhoseMetadataNamesTheFunction() {
        server.admin().createModel("reranker");
        // The text template's post_processors are an embedding's: a regression request that gives none gets none.
        JsonNode job = server.admin().post("/api/v1/models/reranker/versions", Map.of("source",
                crossEncoder.toString(), "template", "text", "config", Map.of("max_seq_length", 64),
                "function", "regression")).expect(202).json();
        assertEquals("regression", job.path("request").path("conversion").path("function").asText(), job.toString());
        JsonNode done = server.admin().awaitJob(job.path("id").asText());
        assertEquals("succeeded", done.path("state").asText(), done.toString());

        JsonNode version = server.newUser(Role.VIEWER)
                .get("/api/v1/models/reranker/versions/1").expect(200).json();
        JsonNode metadata = version.path("metadata");
        assertEquals("regression", metadata.path("function").asText(), metadata.toString());
        assertEquals("logits", metadata.path("regressionOutput").asText(), metadata.toString());
        assertEquals("DATA1", metadata.path("input").path("first_input").path(0).asText(), metadata.toString());
        assertEquals(0, version.path("config").path("post_processors").size(), version.path("config").toString());
        assertEquals(version, done.path("result"), "the job's result is the version as the API shows it");
    }

    @Test
    void anUnknownFunctionIs400NamingTheFunctionsThereAreAndStartsNoJob() {
        server.admin().createModel("typo");
        JsonNode error = server.admin().post("/api/v1/models/typo/versions", Map.of("source", crossEncoder.toString(),
                "template", "text", "config", Map.of("max_seq_length", 64), "function", "rerank")).expectError(400);
        String message = error.path("error").asText();
        assertTrue(message.contains("unknown function 'rerank'") && message.contains("embedding")
                && message.contains("regression"), message);
        assertNoJob("typo");
    }

    @Test
    void postProcessorsForRegressionAre400BeforeAnyJobStarts() {
        server.admin().createModel("with-pooling");
        String message = server.admin().post("/api/v1/models/with-pooling/versions", Map.of("source",
                crossEncoder.toString(), "template", "text", "function", "regression", "config", Map.of(
                        "max_seq_length", 64, "post_processors", List.of(Map.of("name", "Pooling", "type", "mean")))))
                .expectError(400).path("error").asText();
        assertTrue(message.contains("function regression") && message.contains("[Pooling]")
                && message.contains("post_processors"), message);
        assertNoJob("with-pooling");
    }

    @Test
    void aPreconfiguredRerankerAsAnEmbeddingIs400SayingWhichFunctionItIsPreconfiguredFor() {
        server.admin().createModel("bge");
        String message = server.admin().post("/api/v1/models/bge/versions", Map.of("source", "BAAI/bge-reranker-base"))
                .expectError(400).path("error").asText();
        assertTrue(message.contains("preconfigured for function regression, not embedding")
                && message.contains("\"function\": \"regression\""), message);
        assertNoJob("bge");
    }

    @Test
    void aCrossEncoderConvertedAsAnEmbeddingFailsItsJobSayingToUseRegression() {
        server.admin().createModel("not-embedding");
        JsonNode job = server.admin().post("/api/v1/models/not-embedding/versions", Map.of("source",
                crossEncoder.toString(), "template", "text", "config", Map.of("max_seq_length", 64))).expect(202)
                .json();
        JsonNode failed = server.admin().awaitJob(job.path("id").asText());
        assertEquals("failed", failed.path("state").asText(), failed.toString());
        String error = failed.path("error").asText();
        assertTrue(error.contains("BertForSequenceClassification") && error.contains("function regression"), error);
        server.admin().get("/api/v1/models/not-embedding/versions/1").expectError(404);
    }

    @Test
    void anEmbeddingModelConvertedAsRegressionFailsItsJobSayingItHasNoLogits() {
        server.admin().createModel("not-reranker");
        JsonNode job = server.admin().post("/api/v1/models/not-reranker/versions", Map.of("source",
                miniLm.toString(), "template", "text", "config", Map.of("max_seq_length", 128),
                "function", "regression")).expect(202).json();
        JsonNode failed = server.admin().awaitJob(job.path("id").asText());
        assertEquals("failed", failed.path("state").asText(), failed.toString());
        String error = failed.path("error").asText();
        assertTrue(error.contains("function regression") && error.contains("no logits output")
                && error.contains("function embedding"), error);
    }

    private static void assertNoJob(String model) {
        assertEquals(0, server.server.services().jobs().list(new JobQuery(null, null, model, 0, 10)).total(),
                "no job was started");
    }
}
