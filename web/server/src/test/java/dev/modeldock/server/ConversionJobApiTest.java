package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.plugin.Sha256;
import dev.modeldock.registry.DatabaseArtifacts;
import dev.modeldock.registry.Role;
import dev.modeldock.testkit.api.ApiClient;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.api.ApiResponse;
import dev.modeldock.testkit.api.EventStream;
import dev.modeldock.testkit.api.ServerSentEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real all-MiniLM-L6-v2 converted through the API, once: a JSON request starts a job, its
 * events stream until the final state, and the result is version 1 with artifact, metadata,
 * lineage and validation report.
 */
class ConversionJobApiTest {
    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass();
    /** The server's default source root, DATA_DIR/sources: conversions read only from its roots. */
    static Path work;
    @TempDir
    static Path outside;
    static Path hubFolder;
    static ApiResponse accepted;
    static EventStream stream;

    @BeforeAll
    static void convertMiniLm() {
        work = server.dataDir.resolve("sources");
        hubFolder = MiniLmHubFolder.create(work.resolve("hub"));
        server.admin().createModel("minilm");
        accepted = server.admin().post("/api/v1/models/minilm/versions", Map.of("source", hubFolder.toString()));
        stream = server.newUser(Role.VIEWER).events(accepted.json().path("id").asText(), null);
    }

    @Test
    void requestIsAcceptedAsAQueuedJob() {
        accepted.expect(202);
        JsonNode job = accepted.json();
        assertEquals("conversion", job.path("kind").asText());
        assertEquals("/api/v1/jobs/" + job.path("id").asText(), accepted.header("Location"));
        assertEquals("/api/v1/jobs/" + job.path("id").asText() + "/events", job.path("events").asText());
        assertEquals("minilm", job.path("request").path("model").asText());
        assertEquals(hubFolder.toString(), job.path("request").path("conversion").path("source").asText());
        assertEquals("admin", job.path("createdBy").asText());
    }

    @Test
    void eventsStreamProgressAndLogLinesThenTheFinalState() {
        assertEquals(200, stream.status());
        assertTrue(stream.contentType().startsWith("text/event-stream"), stream.contentType());
        List<ServerSentEvent> events = stream.events();
        assertEquals("state", events.get(0).kind(), events.toString());
        assertEquals("running", events.get(0).json().path("state").asText());
        ServerSentEvent last = events.get(events.size() - 1);
        assertEquals("state", last.kind());
        assertEquals("succeeded", last.json().path("state").asText(), last.data());
        assertEquals(1, last.json().path("result").path("number").asInt(), last.data());

        List<ServerSentEvent> progress = events.stream().filter(e -> e.kind().equals("progress")).toList();
        assertTrue(progress.size() >= 3, "progress events: " + progress);
        double previous = -1;
        for (ServerSentEvent event : progress) {
            double fraction = event.json().path("progress").asDouble();
            assertTrue(fraction >= 0 && fraction <= 1, event.data());
            assertFalse(event.json().path("stage").asText().isBlank(), event.data());
            previous = Math.max(previous, fraction);
        }
        assertTrue(previous >= 0.9, "progress reached " + previous);
        assertTrue(events.stream().anyMatch(e -> e.kind().equals("log")
                && e.json().path("line").asText().contains("filed as minilm version 1")), events.toString());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(String.valueOf(i + 1), events.get(i).id(), "events are numbered in order");
        }
    }

    @Test
    void streamReconnectedWithLastEventIdReplaysOnlyWhatCameAfter() {
        String job = accepted.json().path("id").asText();
        List<ServerSentEvent> all = stream.events();
        String resumeAfter = all.get(all.size() - 3).id();
        EventStream resumed = server.admin().events(job, resumeAfter);
        assertEquals(all.subList(all.size() - 2, all.size()), resumed.events());
        assertEquals(all, server.admin().events(job, null).events(), "a finished job replays in full");
    }

    @Test
    void finishedJobCarriesTheNewVersion() {
        JsonNode job = server.admin().get("/api/v1/jobs/" + accepted.json().path("id").asText()).expect(200).json();
        assertEquals("succeeded", job.path("state").asText(), job.toString());
        assertEquals(1.0, job.path("progress").asDouble());
        assertTrue(job.path("error").isNull(), job.toString());
        assertTrue(job.path("startedAt").isTextual() && job.path("finishedAt").isTextual(), job.toString());
        assertEquals(1, job.path("result").path("number").asInt());
        assertEquals(server.anonymous().get("/api/v1/models/minilm/versions/1").expect(200).json(), job.path("result"));
    }

    @Test
    void versionHasMetadataConfigurationLineageAndValidation() throws Exception {
        JsonNode version = server.anonymous().get("/api/v1/models/minilm/versions/1").expect(200).json();
        assertEquals("embedding", version.path("metadata").path("function").asText(), version.path("metadata").toString());
        assertTrue(version.path("config").isObject() && version.path("config").size() > 0);

        JsonNode lineage = version.path("lineage");
        assertEquals("converted", lineage.path("kind").asText());
        assertEquals("hub/" + MiniLmHubFolder.HUB_ID, lineage.path("source").asText(), "relative to its source root");
        assertTrue(lineage.has("revision") && lineage.path("revision").isNull(), "a plain folder: " + lineage);
        assertEquals(Sha256.of(hubFolder.resolve("onnx/model.onnx")), lineage.path("sourceFiles").path("onnx/model.onnx")
                .asText(), lineage.toString());
        assertEquals(Sha256.of(hubFolder.resolve("tokenizer.json")), lineage.path("sourceFiles").path("tokenizer.json")
                .asText(), lineage.toString());
        assertTrue(lineage.path("plugins").size() >= 2, lineage.toString());
        lineage.path("plugins").forEach(p -> assertTrue(p.asText().matches("[a-z-]+@\\d+\\.\\d+\\.\\d+.*"), p.asText()));
        assertTrue(lineage.path("plugins").toString().contains("tokenizer-bert@"), lineage.toString());
        assertTrue(lineage.path("tool").asText().startsWith("ModelDock "), lineage.toString());
        assertEquals(version.path("config"), lineage.path("configuration"));
        assertEquals(version.path("validation").path("parity"), lineage.path("parity"));
        // One provenance: the lineage stored is the document the metadata carries, beside the artifact's SHA-256.
        JsonNode description = version.path("metadata").path("modelDescription");
        assertEquals(lineage, description.path("provenance"));
        assertEquals(version.path("artifact").path("sha256").asText(), description.path("sha256").asText());

        JsonNode parity = version.path("validation").path("parity");
        assertTrue(parity.path("passed").asBoolean(), parity.toString());
        assertTrue(parity.path("ascii").path("minCosine").asDouble() >= 0.9999, parity.toString());
        assertEquals(MiniLmHubFolder.WIDTH, version.path("validation").path("embeddingWidth").asInt());
        // float32: nothing to compare with, and small enough for every Oracle release.
        assertTrue(version.path("validation").path("quality").isNull(), version.path("validation").toString());
        assertTrue(lineage.path("quality").isNull(), lineage.toString());
        assertEquals(0, version.path("validation").path("sizeNotes").size(), version.path("validation").toString());
        assertEquals(23, version.path("validation").path("targetRelease").asInt(), "a request that names no release"
                + " converts for 23ai: " + version.path("validation"));
    }

    @Test
    void artifactDownloadsWithTheShaOfTheVersionAsETag() throws Exception {
        JsonNode version = server.anonymous().get("/api/v1/models/minilm/versions/1").expect(200).json();
        ApiResponse download = server.anonymous().get("/api/v1/models/minilm/versions/1/artifact")
                .expect(200);
        String sha = VersionUploadApiTest.sha256(download.body());
        assertEquals("\"" + sha + "\"", download.header("ETag"));
        assertEquals(version.path("artifact").path("sha256").asText(), sha);
        assertEquals(version.path("artifact").path("sizeBytes").asLong(), download.body().length);
        assertTrue(download.body().length > 2L * DatabaseArtifacts.CHUNK_BYTES, "spans several stored chunks");

        // A range across the boundary of two stored chunks.
        int first = DatabaseArtifacts.CHUNK_BYTES - 7;
        int last = DatabaseArtifacts.CHUNK_BYTES + 8;
        ApiResponse range = server.anonymous().get("/api/v1/models/minilm/versions/1/artifact",
                Map.of("Range", "bytes=" + first + "-" + last)).expect(206);
        assertArrayEquals(Arrays.copyOfRange(download.body(), first, last + 1), range.body());
    }

    @Test
    void reconvertingTheUnchangedSourceFilesTheSameArtifactAndStoresItsBytesOnce() {
        JsonNode first = server.anonymous().get("/api/v1/models/minilm/versions/1").expect(200).json();
        Map<String, Long> rowsBefore = server.rowCounts();

        ApiResponse again = server.admin().post("/api/v1/models/minilm/versions",
                Map.of("source", hubFolder.toString())).expect(202);
        JsonNode job = server.admin().awaitJob(again.json().path("id").asText());
        assertEquals("succeeded", job.path("state").asText(), job.toString());
        int number = job.path("result").path("number").asInt();
        JsonNode second = server.anonymous().get("/api/v1/models/minilm/versions/" + number).expect(200).json();

        assertTrue(number > 1, "a new version: " + second);
        assertEquals(first.path("artifact").path("sha256").asText(), second.path("artifact").path("sha256").asText());
        assertEquals(first.path("artifact").path("sizeBytes").asLong(), second.path("artifact").path("sizeBytes")
                .asLong());
        // A client holding version 1 already has version 2's bytes.
        String etag = "\"" + first.path("artifact").path("sha256").asText() + "\"";
        ApiResponse revalidated = server.anonymous().get("/api/v1/models/minilm/versions/" + number
                + "/artifact", Map.of("If-None-Match", etag)).expect(304);
        assertEquals(etag, revalidated.header("ETag"));

        Map<String, Long> rowsAfter = server.rowCounts();
        for (String table : List.of("ARTIFACT", "CONTENT", "CONTENT_CHUNK")) {
            assertEquals(rowsBefore.get(table), rowsAfter.get(table), table + ": the bytes are stored once");
        }
        assertEquals(rowsBefore.get("MODEL_VERSION") + 1, rowsAfter.get("MODEL_VERSION"));
    }

    @Test
    void anonymousReadersSeeAJobsKindStateAndTimesButNoRequestLogResultOrError() throws Exception {
        String id = accepted.json().path("id").asText();
        JsonNode job = server.anonymous().get("/api/v1/jobs/" + id).expect(200).json();
        assertEquals("succeeded", job.path("state").asText(), job.toString());
        assertEquals("conversion", job.path("kind").asText(), job.toString());
        assertTrue(job.path("createdAt").isTextual() && job.path("finishedAt").isTextual(), job.toString());
        for (String hidden : List.of("request", "result", "error", "stage", "createdBy")) {
            assertFalse(job.has(hidden), hidden + " shown to anonymous readers: " + job);
        }
        List<ServerSentEvent> events = server.anonymous().events(id, null).events();
        assertEquals("succeeded", events.get(events.size() - 1).json().path("state").asText(), events.toString());
        for (ServerSentEvent event : events) {
            assertTrue(event.kind().equals("state") || event.kind().equals("progress"), event.toString());
            assertEquals(1, event.json().size(), "only the state or the fraction: " + event.data());
        }

        server.admin().createModel("conv-private");
        // config.json passes the request's check; without an encoder the job fails, naming the file.
        Path noEncoder = java.nio.file.Files.createDirectories(work.resolve("acme/private-model"));
        java.nio.file.Files.writeString(noEncoder.resolve("config.json"), "{\"max_position_embeddings\": 512}");
        String failed = server.admin().post("/api/v1/models/conv-private/versions", Map.of("source",
                noEncoder.toString(),
                "template", "text", "config", Map.of("max_seq_length", 128))).expect(202).json().path("id").asText();
        String error = server.admin().awaitJob(failed).path("error").asText();
        assertTrue(error.contains("onnx/model.onnx"), error);
        JsonNode anonymousView = server.anonymous().get("/api/v1/jobs/" + failed).expect(200).json();
        assertEquals("failed", anonymousView.path("state").asText(), anonymousView.toString());
        String seen = anonymousView + server.anonymous().events(failed, null).events().toString();
        assertFalse(seen.contains(error) || seen.contains(work.toString()) || seen.contains("\"error\""), seen);
        JsonNode readerView = server.newUser(Role.VIEWER).get("/api/v1/jobs/" + failed).expect(200).json();
        assertEquals(error, readerView.path("error").asText(), "a reader with a token sees what went wrong");
    }

    @Test
    void noAnswerCarriesTheServersPathsToTheSource() {
        for (ApiClient reader : List.of(server.anonymous(), server.newUser(Role.VIEWER))) {
            String version = reader.get("/api/v1/models/minilm/versions/1").expect(200).text();
            assertFalse(version.contains(server.dataDir.toString()), version);
            assertTrue(version.contains("\"hub/" + MiniLmHubFolder.HUB_ID + "\""), version);
        }
    }

    @Test
    void unknownJobIs404() {
        server.anonymous().get("/api/v1/jobs/00000000-0000-0000-0000-000000000000").expectError(404, "no job");
        server.anonymous().get("/api/v1/jobs/00000000-0000-0000-0000-000000000000/events").expectError(404, "no job");
    }

    @Test
    void aSourceWithALinkLeadingOutOfItsRootIsRefusedBeforeTheJobNamingTheLinkNotWhatItHolds() throws Exception {
        server.admin().createModel("conv-linked");
        JsonNode before = server.storedState();
        Path secret = Files.writeString(outside.resolve("secret.key"), "c2VydmVyLXNlY3JldC1rZXk=SECRET\n");
        Path linked = MiniLmHubFolder.create(work.resolve("linked"));
        Files.delete(linked.resolve("config.json"));
        Files.createSymbolicLink(linked.resolve("config.json"), secret);
        String error = server.admin().post("/api/v1/models/conv-linked/versions", Map.of("source", linked.toString()))
                .expectError(400, "config.json", "symbolic link").toString();
        assertFalse(error.contains("SECRET") || error.contains(outside.toString()), error);

        Path linkedFolder = MiniLmHubFolder.create(work.resolve("linked-folder"));
        Path elsewhere = Files.createDirectories(outside.resolve("onnx"));
        Files.move(linkedFolder.resolve("onnx/model.onnx"), elsewhere.resolve("model.onnx"));
        Files.delete(linkedFolder.resolve("onnx"));
        Files.createSymbolicLink(linkedFolder.resolve("onnx"), elsewhere);
        server.admin().post("/api/v1/models/conv-linked/versions", Map.of("source", linkedFolder.toString()))
                .expectError(400, "onnx", "symbolic link");

        // A source named through a link inside a root is judged by where it leads.
        Path back = Files.createSymbolicLink(work.resolve("back-door"), outside);
        server.admin().post("/api/v1/models/conv-linked/versions", Map.of("source", back.resolve("onnx").toString()))
                .expectError(400, "outside the folders");
        ServerFixture.assertUnchanged(before, server.storedState(), "refused sources");
    }

    @Test
    void aConversionThatFailsLeavesNoVersion() throws Exception {
        server.admin().createModel("conv-fails");
        // The configuration passes the request's check against config.json; the folder has no encoder,
        // which only the job finds out.
        Path empty = java.nio.file.Files.createDirectories(work.resolve("acme/empty-model"));
        java.nio.file.Files.writeString(empty.resolve("config.json"), "{\"max_position_embeddings\": 512}");
        ApiResponse started = server.admin().post("/api/v1/models/conv-fails/versions", Map.of("source",
                empty.toString(), "template", "text", "config", Map.of("max_seq_length", 128))).expect(202);
        JsonNode job = server.admin().awaitJob(started.json().path("id").asText());
        assertEquals("failed", job.path("state").asText(), job.toString());
        assertFalse(job.path("error").asText().isBlank(), job.toString());
        assertTrue(job.path("result").isNull(), job.toString());
        ServerSentEvent last = server.admin().events(job.path("id").asText(), null).last();
        assertEquals("failed", last.json().path("state").asText());
        assertEquals(job.path("error").asText(), last.json().path("error").asText());
        assertEquals(0, server.anonymous().get("/api/v1/models/conv-fails/versions").expect(200).json()
                .path("total").asInt());
        assertTrue(server.anonymous().get("/api/v1/models/conv-fails").expect(200).json().path("latestVersion").isNull());
    }

    @Test
    void badConversionRequestsAre400AndStartNoJob() throws Exception {
        server.admin().createModel("conv-bad");
        Path custom = java.nio.file.Files.createDirectories(work.resolve("acme/custom-model"));
        JsonNode before = server.storedState();
        String versions = "/api/v1/models/conv-bad/versions";
        server.admin().post(versions, Map.of("template", "text")).expectError(400, "source");
        server.admin().post(versions, Map.of("source", work.resolve("nowhere").toString())).expectError(400, "nowhere");
        server.admin().post(versions, Map.of("source", hubFolder.toString(), "template", "no-such-template"))
                .expectError(400, "no-such-template");
        server.admin().post(versions, Map.of("source", custom.toString()))
                .expectError(400, "template");
        server.admin().post(versions, Map.of("source", hubFolder.toString(), "tokenizer", "x"))
                .expectError(400, "tokenizer");
        server.admin().post(versions, Map.of("source", hubFolder.toString(), "config", "max_seq_length=5"))
                .expectError(400, "config");
        // A hub id the cache lacks is downloaded by the job, but only once its configuration is known.
        server.admin().post(versions, Map.of("source", "acme/not-cached")).expectError(400, "acme/not-cached",
                "not a preconfigured model");
        server.admin().post(versions, Map.of("source", MiniLmHubFolder.create(outside).toString()))
                .expectError(400, "outside the folders this server converts from", work.toString());
        server.admin().post(versions, Map.of("source", hubFolder.toString(), "template", "text", "config",
                Map.of("max_seq_length", "long"))).expectError(400, "max_seq_length");
        server.admin().post(versions, Map.of("source", hubFolder.toString(), "template", "text", "config",
                Map.of("colour", "red"))).expectError(400, "colour");
        server.admin().post(versions, Map.of("source", hubFolder.toString(), "targetRelease", 19))
                .expectError(400, "no Oracle target release 19", "give 23 (23ai, files up to 1 GB) or 26");
        server.admin().post(versions, Map.of("source", hubFolder.toString(), "targetRelease", "latest"))
                .expectError(400, "targetRelease");
        server.admin().post("/api/v1/models/conv-nobody/versions", Map.of("source", hubFolder.toString()))
                .expectError(404, "conv-nobody");
        ServerFixture.assertUnchanged(before, server.storedState(), "bad conversion requests");
    }

    @Test
    void configurationsTheConversionWouldRefuseAre400BeforeAnyJobStarts() throws Exception {
        server.admin().createModel("conv-bad-config");
        JsonNode before = server.storedState();
        String versions = "/api/v1/models/conv-bad-config/versions";
        String source = hubFolder.toString();
        server.admin().post(versions, Map.of("source", source, "template", "text"))
                .expectError(400, "max_seq_length is required");
        server.admin().post(versions, Map.of("source", source, "template", "text", "config",
                Map.of("max_seq_length", 513))).expectError(400, "above the encoder's 512 positions");
        server.admin().post(versions, Map.of("source", source, "config", Map.of("max_seq_length", 1024)))
                .expectError(400, "above the encoder's 512 positions");
        server.admin().post(versions, Map.of("source", source, "template", "text", "config",
                Map.of("max_seq_length", 2))).expectError(400, "at least 3");
        server.admin().post(versions, Map.of("source", source, "template", "text", "config", Map.of(
                "max_seq_length", 128, "post_processors", List.of(Map.of("name", "NoSuchStep")))))
                .expectError(400, "NoSuchStep");
        server.admin().post(versions, Map.of("source", source, "template", "text", "config", Map.of(
                "max_seq_length", 128, "post_processors", List.of(Map.of("name", "Pooling", "type", "mean",
                        "colour", "red"))))).expectError(400, "colour");
        Path noConfig = java.nio.file.Files.createDirectories(work.resolve("acme/no-config-json"));
        server.admin().post(versions, Map.of("source", noConfig.toString(), "template", "text", "config",
                Map.of("max_seq_length", 128))).expectError(400, "config.json");
        server.admin().post(versions, Map.of("source", source, "config", Map.of("use_external_data", true)))
                .expectError(400, "use_external_data is true, but Oracle Database 23ai loads one ONNX file");
        ServerFixture.assertUnchanged(before, server.storedState(), "configurations refused before the job");
    }

}
