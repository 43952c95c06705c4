package dev.modeldock.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.config.Settings;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.source.hub.DownloadProgress;
import dev.modeldock.source.hub.HubEnvironment;
import dev.modeldock.source.hub.HubRepository;
import dev.modeldock.testkit.hub.FakeHub;
import dev.modeldock.testkit.hub.HubRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hub id, with or without {@code @revision}, resolves through the hub into a snapshot that names its commit. */
class ModelSourceHubTest {
    private static final String COMMIT = "fedcba9876543210fedcba9876543210fedcba98";

    private final HubRepo repo = new HubRepo("acme/small", COMMIT, Set.of("main", "v2"), new TreeMap<>(Map.of(
            "config.json", bytes("{}"), "vocab.txt", bytes("[PAD]\n"), "onnx/model.onnx", bytes("not a real model"))),
            Set.of());
    private final FakeHub hub = FakeHub.start().serve(repo);

    @TempDir
    Path cacheDir;

    @AfterEach
    void stop() {
        hub.close();
    }

    private ModelSource resolve(String name) {
        Settings settings = Settings.fromMap(Map.of("cache_dir", cacheDir.toString()));
        HubEnvironment env = new HubEnvironment(hub.endpoint(), null, false, Duration.ofSeconds(2));
        return ModelSource.resolve(name, settings, HubRepository.of(settings, env), DownloadProgress.NONE);
    }

    @Test
    void aHubIdAtARevisionIsFetchedAndNamesItsCommit() {
        ModelSource source = resolve("acme/small@v2");

        assertEquals("acme/small", source.hubId());
        assertEquals("acme/small", source.folder().id());
        assertEquals(COMMIT, source.revision());
        assertTrue(hub.requests().get(0).startsWith("GET /api/models/acme/small/revision/v2"), hub.requests()::toString);
    }

    @Test
    void aModelFolderAlreadyInTheCacheUnderItsIdIsUsedWithoutAsking() throws IOException {
        Files.createDirectories(cacheDir.resolve("acme/small"));

        ModelSource source = resolve("acme/small");

        assertEquals(cacheDir.resolve("acme/small").toAbsolutePath(), source.folder().root());
        assertEquals(List.of(), hub.requests());
    }

    @Test
    void withoutAHubARevisionIsRefusedAsNotCached() {
        String message = assertThrows(ModelDockException.class, () -> ModelSource.resolve("acme/small@v2",
                Settings.fromMap(Map.of("cache_dir", cacheDir.toString())))).getMessage();
        assertTrue(message.contains("not in the cache"), message);
        assertEquals(List.of(), hub.requests());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
