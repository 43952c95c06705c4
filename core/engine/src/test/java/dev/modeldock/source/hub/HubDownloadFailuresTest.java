package dev.modeldock.source.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.testkit.hub.FakeHub;
import dev.modeldock.testkit.hub.HubFault;
import dev.modeldock.testkit.hub.HubRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the client does when the network or the hub misbehaves: resume, refuse, time out, explain. */
class HubDownloadFailuresTest {
    private static final String ENCODER = "onnx/model.onnx";

    private final HubRepo tiny = TinyRepos.tiny();
    private final FakeHub hub = FakeHub.start().serve(tiny);

    @TempDir
    Path cacheDir;

    @AfterEach
    void stop() {
        hub.close();
    }

    private HubRepository repository() {
        return new HubRepository(cacheDir, new HubEnvironment(hub.endpoint(), null, false, Duration.ofSeconds(1)), false, false);
    }

    private Path blob(String path) {
        return new HubCache(cacheDir).blob(TinyRepos.ID, tiny.isLfs(path) ? tiny.sha256(path) : tiny.gitBlobId(path));
    }

    @Test
    void aConnectionCutHalfwayIsResumedWithAByteRange() throws IOException {
        hub.fail(ENCODER, HubFault.cutAfter(100_000));

        ModelFolder folder = repository().fetch(TinyRepos.ID, "main", DownloadProgress.NONE).folder();

        assertArrayEquals(tiny.files().get(ENCODER), Files.readAllBytes(folder.root().resolve(ENCODER)));
        assertTrue(hub.requests().stream().anyMatch(r -> r.startsWith("GET /repos/lfs/") && r.contains("Range: bytes=100000-")),
                hub.requests()::toString);
    }

    @Test
    void bytesLeftByAnEarlierRunAreNotFetchedAgain() throws IOException {
        Path partial = blob(ENCODER).resolveSibling(tiny.sha256(ENCODER) + ".incomplete");
        Files.createDirectories(partial.getParent());
        Files.write(partial, Arrays.copyOf(tiny.files().get(ENCODER), 123_456));
        List<Long> firstReported = new CopyOnWriteArrayList<>();

        repository().fetch(TinyRepos.ID, "main", (path, done, total) -> {
            if (path.equals(ENCODER) && firstReported.isEmpty()) {
                firstReported.add(done);
            }
        });

        assertArrayEquals(tiny.files().get(ENCODER), Files.readAllBytes(blob(ENCODER)));
        assertTrue(hub.requests().stream().anyMatch(r -> r.contains("Range: bytes=123456-")), hub.requests()::toString);
        assertTrue(firstReported.get(0) > 123_456, "progress counts the resumed bytes: " + firstReported);
        assertFalse(Files.exists(partial));
    }

    @Test
    void aCorruptedBodyIsRefusedAndLeavesNothingInTheCache() {
        hub.fail(ENCODER, HubFault.corrupt());

        ModelDockException error = assertThrows(ModelDockException.class,
                () -> repository().fetch(TinyRepos.ID, "main", DownloadProgress.NONE));

        assertTrue(error.getMessage().contains(ENCODER) && error.getMessage().contains(tiny.sha256(ENCODER))
                && error.getMessage().contains("expected SHA-256"), error.getMessage());
        assertFalse(Files.exists(blob(ENCODER)));
        assertFalse(Files.exists(blob(ENCODER).resolveSibling(tiny.sha256(ENCODER) + ".incomplete")));
        assertFalse(Files.exists(new HubCache(cacheDir).snapshot(TinyRepos.ID, tiny.commit()).resolve(ENCODER)));
        assertFalse(Files.exists(new HubCache(cacheDir).repoFolder(TinyRepos.ID).resolve("refs/main")));
    }

    @Test
    void aCorruptedSmallFileIsCheckedAgainstItsGitBlobId() {
        hub.fail("config.json", HubFault.corrupt());

        ModelDockException error = assertThrows(ModelDockException.class,
                () -> repository().fetch(TinyRepos.ID, "main", DownloadProgress.NONE));

        assertTrue(error.getMessage().contains("config.json") && error.getMessage().contains(tiny.gitBlobId("config.json")),
                error.getMessage());
        assertFalse(Files.exists(blob("config.json")));
    }

    @Test
    void aStalledConnectionTimesOutWithAMessageThatSaysSo() {
        hub.fail(ENCODER, HubFault.stallAfter(50_000));

        ModelDockException error = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                ModelDockException.class, () -> repository().fetch(TinyRepos.ID, "main", DownloadProgress.NONE)));

        assertTrue(error.getMessage().contains("sent nothing for 1 s") && error.getMessage().contains(ENCODER)
                && error.getMessage().contains("HF_HUB_DOWNLOAD_TIMEOUT"), error.getMessage());
    }

    @Test
    void aSlowServerKeepsProgressMovingAndFinishes() throws IOException {
        hub.fail(ENCODER, HubFault.slow(150)); // 19 chunks, 2.8 s in all, never a 1 s pause
        List<Long> done = new CopyOnWriteArrayList<>();

        repository().fetch(TinyRepos.ID, "main", (path, bytes, total) -> {
            if (path.equals(ENCODER)) {
                done.add(bytes);
            }
        });

        assertTrue(done.size() > 10, done::toString);
        assertEquals((long) TinyRepos.ENCODER_SIZE, done.get(done.size() - 1));
        assertArrayEquals(tiny.files().get(ENCODER), Files.readAllBytes(blob(ENCODER)));
    }

    @Test
    void onlyTheFilesAPipelineNeedsAreDownloaded() {
        repository().fetch(TinyRepos.ID, "v1.0", DownloadProgress.NONE);

        List<String> fetched = hub.requests().stream().filter(r -> r.contains("/resolve/"))
                .map(r -> r.substring(r.indexOf("/resolve/") + "/resolve/".length() + 41)).sorted().toList();
        assertEquals(List.of("config.json", "modules.json", "onnx/model.onnx", "tokenizer.json"), fetched);
    }
}
