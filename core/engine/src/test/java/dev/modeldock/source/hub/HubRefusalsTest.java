package dev.modeldock.source.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.testkit.hub.FakeHub;
import dev.modeldock.testkit.hub.HubRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's refusals (gated, missing) and offline runs, as errors that say what to do. */
class HubRefusalsTest {
    private final HubRepo gated = TinyRepos.tiny().gated("hf_good");
    private final FakeHub hub = FakeHub.start().serve(gated);

    @TempDir
    Path cacheDir;

    @AfterEach
    void stop() {
        hub.close();
    }

    private HubRepository repository(String token, boolean offline) {
        return new HubRepository(cacheDir, new HubEnvironment(hub.endpoint(), token, offline, Duration.ofSeconds(2)),
                false, false);
    }

    private String failure(String token, String repoId, String revision) {
        return assertThrows(ModelDockException.class,
                () -> repository(token, false).fetch(repoId, revision, DownloadProgress.NONE)).getMessage();
    }

    @Test
    void aGatedRepositoryWithoutATokenSaysToSetHfToken() {
        String message = failure(null, TinyRepos.ID, "main");
        assertTrue(message.contains("(401)") && message.contains("set HF_TOKEN") && message.contains(TinyRepos.ID),
                message);
    }

    @Test
    void aTokenWithoutAccessSaysToAcceptTheConditionsOrSetAnotherHfToken() {
        String message = failure("hf_other", TinyRepos.ID, "main");
        assertTrue(message.contains("(403)") && message.contains("HF_TOKEN") && message.contains("accept"), message);
    }

    @Test
    void theTokenIsSentToTheHubButNotToTheContentHost() {
        ModelFolder folder = repository("hf_good", false).fetch(TinyRepos.ID, "main", DownloadProgress.NONE).folder();

        assertTrue(Files.isRegularFile(folder.root().resolve("onnx/model.onnx")));
        assertTrue(hub.requests().stream().filter(r -> r.contains("/resolve/")).allMatch(r -> r.endsWith("Authorization")));
        assertTrue(hub.requests().stream().filter(r -> r.startsWith("GET /repos/lfs/")).noneMatch(r -> r.endsWith("Authorization")),
                hub.requests()::toString);
    }

    @Test
    void aMissingRepositoryRevisionOrEncoderIsNamed() {
        String repo = failure("hf_good", "acme/no-such-model", "main");
        assertTrue(repo.contains("no model acme/no-such-model") && repo.contains("(404)"), repo);
        String revision = failure("hf_good", TinyRepos.ID, "v9");
        assertTrue(revision.contains("no revision 'v9'"), revision);

        hub.serve(TinyRepos.tiny().withoutFile("onnx/model.onnx"));
        String encoder = failure(null, TinyRepos.ID, "main");
        assertTrue(encoder.contains("no ONNX export") && encoder.contains("onnx/model.onnx"), encoder);
    }

    @Test
    void offlineUsesTheCacheAndMakesNoRequest() {
        repository("hf_good", false).fetch(TinyRepos.ID, "main", DownloadProgress.NONE);
        hub.clearRequests();

        ModelFolder folder = repository(null, true).fetch(TinyRepos.ID, "main", DownloadProgress.NONE).folder();

        assertEquals(gated.commit(), folder.root().getFileName().toString());
        assertEquals(List.of(), hub.requests());
    }

    @Test
    void aRevisionOrIdThatWouldLeadOutOfTheCacheIsRefusedBeforeAnyRequest() throws Exception {
        Path outside = cacheDir.resolveSibling(cacheDir.getFileName() + "-outside");
        for (String revision : List.of("a/../../../" + outside.getFileName(), "../main", "/etc", "main//x")) {
            String message = assertThrows(ModelDockException.class,
                    () -> repository(null, false).fetch(TinyRepos.ID, revision, DownloadProgress.NONE)).getMessage();
            assertTrue(message.startsWith("revision '" + revision + "' of " + TinyRepos.ID + " is not a branch, tag"
                    + " or commit name"), message);
        }
        assertTrue(assertThrows(ModelDockException.class, () -> repository(null, false).fetch("acme/../../x", "main",
                DownloadProgress.NONE)).getMessage().contains("is not a hub id"));
        assertEquals(List.of(), hub.requests());
        assertFalse(Files.exists(outside));
    }

    @Test
    void offlineWithoutTheModelInTheCacheNamesWhatIsMissing() {
        String message = assertThrows(ModelDockException.class,
                () -> repository(null, true).fetch(TinyRepos.ID, "main", DownloadProgress.NONE)).getMessage();

        assertTrue(message.contains("HF_HUB_OFFLINE") && message.contains("no revision 'main'")
                && message.contains(cacheDir.toString()), message);
        assertEquals(List.of(), hub.requests());
    }
}
