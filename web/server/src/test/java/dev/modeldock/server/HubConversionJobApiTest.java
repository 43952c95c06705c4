package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.config.Settings;
import dev.modeldock.plugin.Sha256;
import dev.modeldock.source.hub.HubEnvironment;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.api.ServerSentEvent;
import dev.modeldock.testkit.hub.FakeHub;
import dev.modeldock.testkit.hub.HubRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conversion jobs from hub ids: the server downloads the model from a local stand-in for the hub
 * into its cache (progress in the job's events), converts it, and records the hub id and commit in
 * the version's lineage; a warm cache is read without downloading; the hub's refusals fail the job
 * with their message, and mistakes in the request are 400s before any job.
 */
class HubConversionJobApiTest {
    static final FakeHub hub = FakeHub.start();
    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass(config -> config.hub = online(),
            dataDir -> cacheIn(dataDir));
    static final String VERSIONS = "/api/v1/models/from-hub/versions";
    @TempDir
    static Path scratch;
    static HubRepo miniLm;
    static JsonNode firstJob;
    static List<ServerSentEvent> firstEvents;
    static List<String> firstRequests;

    @BeforeAll
    static void convertMiniLmFromTheHub() {
        miniLm = HubRepo.miniLm(scratch.resolve("repo"));
        hub.serve(miniLm);
        server.admin().createModel("from-hub");
        String id = server.admin().post(VERSIONS, Map.of("source", MiniLmHubFolder.HUB_ID)).expect(202).json()
                .path("id").asText();
        firstEvents = server.admin().events(id, null).events();
        firstJob = server.admin().awaitJob(id);
        firstRequests = hub.requests();
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    static HubEnvironment online() {
        return new HubEnvironment(hub.endpoint(), null, false, Duration.ofSeconds(10));
    }

    static Settings cacheIn(Path dataDir) {
        return Settings.fromMap(Map.of("cache_dir", dataDir.resolve("hub-cache").toString()));
    }

    @Test
    void aHubIdIsDownloadedWithItsProgressInTheJobsEventsThenConverted() {
        assertEquals("succeeded", firstJob.path("state").asText(), firstJob.toString());
        List<Double> encoder = firstEvents.stream().filter(e -> e.kind().equals("progress")
                && e.json().path("stage").asText().equals("downloading onnx/model.onnx"))
                .map(e -> e.json().path("progress").asDouble()).toList();
        assertTrue(encoder.size() >= 3, "progress of the encoder's download: " + firstEvents);
        for (int i = 1; i < encoder.size(); i++) {
            assertTrue(encoder.get(i) > encoder.get(i - 1), "rising: " + encoder);
        }
        assertTrue(encoder.get(encoder.size() - 1) <= 0.15 && encoder.get(encoder.size() - 1) > 0.1,
                "the download is the first part of the job: " + encoder);
        List<Double> download = firstEvents.stream().filter(e -> e.kind().equals("progress")
                && e.json().path("stage").asText().startsWith("downloading ")).map(e -> e.json().path("progress")
                .asDouble()).toList();
        for (int i = 1; i < download.size(); i++) {
            assertTrue(download.get(i) >= download.get(i - 1), "one progress for the whole download: " + download);
        }
        long size = miniLm.files().get("onnx/model.onnx").length;
        assertTrue(firstEvents.stream().anyMatch(e -> e.kind().equals("log") && e.json().path("line").asText()
                .equals(String.format(java.util.Locale.ROOT, "downloaded onnx/model.onnx (%.1f MB)", size / 1e6))),
                firstEvents.toString());
        assertTrue(firstRequests.stream().anyMatch(r -> r.contains("onnx/model.onnx")), firstRequests.toString());
        assertTrue(Files.isDirectory(server.dataDir.resolve("hub-cache/models--sentence-transformers--all-MiniLM-L6-v2"
                + "/snapshots/" + miniLm.commit())), "downloaded into the hub-layout cache");
    }

    @Test
    void theLineageNamesTheHubIdAndTheCommit() {
        int number = firstJob.path("result").path("number").asInt();
        JsonNode version = server.anonymous().get(VERSIONS + "/" + number).expect(200).json();
        JsonNode lineage = version.path("lineage");
        assertEquals(MiniLmHubFolder.HUB_ID, lineage.path("source").asText(), lineage.toString());
        assertEquals(miniLm.commit(), lineage.path("revision").asText(), lineage.toString());
        assertEquals(lineage, version.path("metadata").path("modelDescription").path("provenance"));
        assertFalse(version.toString().contains(server.dataDir.toString()), "no server path: " + version);
    }

    @Test
    void aSecondJobForTheSameIdReadsTheCacheWithoutDownloading() {
        hub.clearRequests();
        String id = server.admin().post(VERSIONS, Map.of("source", MiniLmHubFolder.HUB_ID, "revision", "main"))
                .expect(202).json().path("id").asText();
        JsonNode job = server.admin().awaitJob(id);
        assertEquals("succeeded", job.path("state").asText(), job.toString());
        List<String> fileRequests = hub.requests().stream().filter(r -> r.contains("/resolve/")
                || r.contains("/repos/lfs/")).toList();
        assertEquals(List.of(), fileRequests, "the files came from the cache");
        JsonNode lineage = server.anonymous().get(VERSIONS + "/" + job.path("result").path("number").asInt())
                .expect(200).json().path("lineage");
        assertEquals(MiniLmHubFolder.HUB_ID, lineage.path("source").asText(), lineage.toString());
        assertEquals(miniLm.commit(), lineage.path("revision").asText(), lineage.toString());
        assertFalse(server.admin().events(id, null).events().toString().contains("downloading"));
    }

    @Test
    void twoJobsDownloadingTheSameIdAtOnceBothSucceedAndFetchEachFileOnce() {
        hub.serve(new HubRepo("acme/twin-minilm", miniLm.commit(), miniLm.refs(), miniLm.files(), miniLm.tokens()));
        hub.clearRequests();
        Map<String, Object> body = Map.of("source", "acme/twin-minilm", "template", "text", "config",
                Map.of("max_seq_length", 128));
        String first = server.admin().post(VERSIONS, body).expect(202).json().path("id").asText();
        String second = server.admin().post(VERSIONS, body).expect(202).json().path("id").asText();
        for (String id : List.of(first, second)) {
            JsonNode job = server.admin().awaitJob(id);
            assertEquals("succeeded", job.path("state").asText(), job.toString());
        }
        List<String> requests = hub.requests();
        assertEquals(1, requests.stream().filter(r -> r.startsWith("GET ") && r.contains("/resolve/")
                && r.endsWith("onnx/model.onnx")).count(), "the encoder downloaded once: " + requests);
    }

    @Test
    void aGatedRepositoryWithoutATokenFailsTheJobSayingToSetHfToken() {
        hub.serve(new HubRepo("acme/gated-minilm", miniLm.commit(), miniLm.refs(), miniLm.files(), miniLm.tokens())
                .gated("hf_allowed"));
        JsonNode job = failedJob("acme/gated-minilm");
        assertTrue(job.path("error").asText().contains("HF_TOKEN"), job.toString());
        assertTrue(job.path("error").asText().contains("acme/gated-minilm"), job.toString());
    }

    @Test
    void anUnknownRepositoryFailsTheJobSayingThereIsNoSuchModel() {
        JsonNode job = failedJob("acme/no-such-model");
        assertTrue(job.path("error").asText().contains("there is no model acme/no-such-model"), job.toString());
    }

    @Test
    void aRevisionGivenTwiceOrForAFolderIs400() throws Exception {
        JsonNode before = server.storedState();
        server.admin().post(VERSIONS, Map.of("source", MiniLmHubFolder.HUB_ID + "@main", "revision", "main"))
                .expectError(400, "'source'", "'revision'", "given twice");
        Path folder = Files.createDirectories(server.dataDir.resolve("sources/acme/folder-model"));
        server.admin().post(VERSIONS, Map.of("source", folder.toString(), "revision", "main"))
                .expectError(400, "'revision'", "is a folder");
        server.admin().post(VERSIONS, Map.of("source", "acme/not-preconfigured"))
                .expectError(400, "not a preconfigured model", "template");
        server.admin().post(VERSIONS, Map.of("source", "acme/bad id")).expectError(400, "organisation/name");
        server.admin().post(VERSIONS, Map.of("source", MiniLmHubFolder.HUB_ID, "revision", "main/../../../etc"))
                .expectError(400, "organisation/name[@revision]");
        ServerFixture.assertUnchanged(before, server.storedState(), "refused hub sources");
    }

    @Test
    void anOfflineServerRefusesAHubIdItsCacheLacksWith400(@TempDir Path dataDir) {
        HubEnvironment offline = new HubEnvironment(hub.endpoint(), null, true, Duration.ofSeconds(10));
        hub.clearRequests();
        try (ServerFixture offlineServer = ServerFixture.start(dataDir, config -> config.hub = offline,
                cacheIn(dataDir))) {
            offlineServer.admin().createModel("offline");
            offlineServer.admin().post("/api/v1/models/offline/versions", Map.of("source", MiniLmHubFolder.HUB_ID))
                    .expectError(400, "HF_HUB_OFFLINE", MiniLmHubFolder.HUB_ID);
        }
        assertEquals(List.of(), hub.requests(), "an offline server asks the hub nothing");
    }

    @Test
    void aServerWhoseSourceRootsLeaveOutTheCacheFailsTheJobSayingSo(@TempDir Path dataDir) throws Exception {
        Path sources = Files.createDirectories(dataDir.resolve("only-sources"));
        try (ServerFixture narrow = ServerFixture.start(dataDir, config -> {
            config.hub = online();
            config.sourceRoots.add(sources);
        }, cacheIn(dataDir))) {
            narrow.admin().createModel("narrow");
            String id = narrow.admin().post("/api/v1/models/narrow/versions", Map.of("source",
                    MiniLmHubFolder.HUB_ID)).expect(202).json().path("id").asText();
            JsonNode job = narrow.admin().awaitJob(id);
            assertEquals("failed", job.path("state").asText(), job.toString());
            assertTrue(job.path("error").asText().contains("not among the folders it converts from"), job.toString());
            assertTrue(job.path("error").asText().contains("--source-root"), job.toString());
        }
    }

    @Test
    void aPreconfiguredModelWhoseCachedFileNoLongerMatchesItsPinFailsUnlessTheServerIgnoresChecksumErrors(
            @TempDir Path dataDir) throws Exception {
        Path cache = dataDir.resolve("shared-cache");
        Settings strict = Settings.fromMap(Map.of("cache_dir", cache.toString()));
        Path config = cache.resolve("models--sentence-transformers--all-MiniLM-L6-v2/snapshots/" + miniLm.commit()
                + "/config.json");
        try (ServerFixture pinning = ServerFixture.start(dataDir.resolve("strict"), c -> c.hub = online(), strict)) {
            pinning.admin().createModel("pinned");
            JsonNode first = pinning.admin().awaitJob(pinning.admin().post("/api/v1/models/pinned/versions",
                    Map.of("source", MiniLmHubFolder.HUB_ID)).expect(202).json().path("id").asText());
            assertEquals("succeeded", first.path("state").asText(), first.toString());
            Files.writeString(config.toRealPath(), Files.readString(config) + " ");

            JsonNode refused = pinning.admin().awaitJob(pinning.admin().post("/api/v1/models/pinned/versions",
                    Map.of("source", MiniLmHubFolder.HUB_ID)).expect(202).json().path("id").asText());
            assertEquals("failed", refused.path("state").asText(), refused.toString());
            assertTrue(refused.path("error").asText().contains("config.json: expected SHA-256 "
                    + miniLm.sha256("config.json")), refused.toString());
        }
        Settings lenient = Settings.fromMap(Map.of("cache_dir", cache.toString(), "ignore_checksum_error", true));
        try (ServerFixture ignoring = ServerFixture.start(dataDir.resolve("lenient"), c -> c.hub = online(), lenient)) {
            ignoring.admin().createModel("ignored");
            JsonNode job = ignoring.admin().awaitJob(ignoring.admin().post("/api/v1/models/ignored/versions",
                    Map.of("source", MiniLmHubFolder.HUB_ID)).expect(202).json().path("id").asText());
            assertEquals("succeeded", job.path("state").asText(), job.toString());
            JsonNode warnings = ignoring.anonymous().get("/api/v1/models/ignored/versions/1").expect(200).json()
                    .path("lineage").path("checksumWarnings");
            assertEquals(1, warnings.size(), warnings.toString());
            assertEquals("config.json", warnings.path(0).path("file").asText());
            assertEquals(miniLm.sha256("config.json"), warnings.path(0).path("expected").asText());
            assertEquals(Sha256.of(config), warnings.path(0).path("actual").asText());
        }
    }

    /** A job for a model that is not preconfigured, which fails. */
    private static JsonNode failedJob(String hubId) {
        String id = server.admin().post(VERSIONS, Map.of("source", hubId, "template", "text", "config",
                Map.of("max_seq_length", 128))).expect(202).json().path("id").asText();
        JsonNode job = server.admin().awaitJob(id);
        assertEquals("failed", job.path("state").asText(), job.toString());
        return job;
    }
}
