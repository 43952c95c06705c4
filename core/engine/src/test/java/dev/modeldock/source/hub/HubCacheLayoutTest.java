package dev.modeldock.source.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.hub.FakeHub;
import dev.modeldock.testkit.hub.HubRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real MiniLM repository downloaded through the fake hub into a cache laid out as huggingface_hub lays it out. */
class HubCacheLayoutTest {
    private static final String REPO_FOLDER = "models--sentence-transformers--all-MiniLM-L6-v2";

    @TempDir
    static Path scratch;
    static HubRepo miniLm;
    static FakeHub hub;

    @TempDir
    Path cacheDir;

    @BeforeAll
    static void serve() {
        HubRepo folder = HubRepo.miniLm(scratch);
        // files a pipeline does not need, which must stay on the hub
        miniLm = folder.withFile("pytorch_model.bin", TinyRepos.bytes(4096, 7))
                .withFile("onnx/model_O4.onnx", TinyRepos.bytes(4096, 8)).withFile("README.md", new byte[] {'#'});
        hub = FakeHub.start().serve(miniLm);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private HubRepository repository(boolean force) {
        return new HubRepository(cacheDir, new HubEnvironment(hub.endpoint(), null, false, Duration.ofSeconds(5)), force, false);
    }

    @Test
    void aColdDownloadFillsBlobsSnapshotsAndRefsAsHuggingFaceHubDoes() throws IOException {
        Map<String, Long> lastProgress = new ConcurrentHashMap<>();
        ModelFolder folder = repository(false).fetch(MiniLmHubFolder.HUB_ID, null,
                (path, done, total) -> lastProgress.put(path, done)).folder();

        Path repo = cacheDir.resolve(REPO_FOLDER);
        assertEquals(miniLm.commit(), Files.readString(repo.resolve("refs/main")));
        Path snapshot = repo.resolve("snapshots").resolve(miniLm.commit());
        assertEquals(snapshot, folder.root());
        Set<String> wanted = Set.of("config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
                "sentence_bert_config.json", "modules.json", "1_Pooling/config.json", "onnx/model.onnx");
        assertEquals(new java.util.TreeSet<>(wanted), filesUnder(snapshot).keySet());
        for (String path : wanted) {
            Path link = snapshot.resolve(path);
            assertTrue(Files.isSymbolicLink(link), path);
            String etag = miniLm.isLfs(path) ? miniLm.sha256(path) : miniLm.gitBlobId(path);
            assertEquals(link.getParent().relativize(repo.resolve("blobs").resolve(etag)), Files.readSymbolicLink(link));
            assertArrayEquals(miniLm.files().get(path), Files.readAllBytes(link), path);
            assertEquals((long) miniLm.files().get(path).length, lastProgress.get(path), path);
        }
        try (Stream<Path> blobs = Files.list(repo.resolve("blobs"))) {
            assertEquals(wanted.size(), blobs.filter(b -> !b.toString().endsWith(".incomplete")).count());
        }
        assertTrue(Files.isRegularFile(cacheDir.resolve(".locks").resolve(REPO_FOLDER)
                .resolve(miniLm.sha256("onnx/model.onnx") + ".lock")));
    }

    @Test
    void aWarmCacheIsUsedWithoutAnyRequest() {
        ModelFolder cold = repository(false).fetch(MiniLmHubFolder.HUB_ID, "main", DownloadProgress.NONE).folder();
        hub.clearRequests();
        ModelFolder warm = repository(false).fetch(MiniLmHubFolder.HUB_ID, "main", DownloadProgress.NONE).folder();
        assertEquals(cold.root(), warm.root());
        assertEquals(List.of(), hub.requests());
    }

    @Test
    void forceDownloadFetchesEveryFileAgain() {
        repository(false).fetch(MiniLmHubFolder.HUB_ID, "main", DownloadProgress.NONE);
        hub.clearRequests();
        repository(true).fetch(MiniLmHubFolder.HUB_ID, "main", DownloadProgress.NONE);
        assertEquals(8, hub.requests().stream().filter(r -> r.contains("/resolve/")).count(), hub.requests()::toString);
    }

    @Test
    void aCacheWrittenByHandInTheHubLayoutIsReusedWithoutAnyRequest() throws IOException {
        // as huggingface_hub writes it: blobs by etag, relative links, refs/main
        String commit = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        Path repo = Files.createDirectories(cacheDir.resolve(REPO_FOLDER));
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), commit);
        for (String path : List.of("config.json", "tokenizer.json", "onnx/model.onnx")) {
            String etag = miniLm.isLfs(path) ? miniLm.sha256(path) : miniLm.gitBlobId(path);
            Path blob = Files.createDirectories(repo.resolve("blobs")).resolve(etag);
            Files.write(blob, miniLm.files().get(path));
            Path link = repo.resolve("snapshots").resolve(commit).resolve(path);
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, link.getParent().relativize(blob));
        }
        hub.clearRequests();

        ModelFolder folder = repository(false).fetch(MiniLmHubFolder.HUB_ID, null, DownloadProgress.NONE).folder();

        assertEquals(repo.resolve("snapshots").resolve(commit), folder.root());
        assertTrue(folder.find("onnx/model.onnx").isPresent());
        assertEquals(List.of(), hub.requests());
        assertFalse(Files.exists(repo.resolve("snapshots").resolve(miniLm.commit())));
    }

    private static Map<String, Path> filesUnder(Path folder) throws IOException {
        Map<String, Path> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(p -> !Files.isDirectory(p)).forEach(p -> files.put(folder.relativize(p).toString(), p));
        }
        return files;
    }
}
