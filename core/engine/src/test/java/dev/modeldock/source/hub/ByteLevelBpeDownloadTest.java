package dev.modeldock.source.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.testkit.RobertaHubFolder;
import dev.modeldock.testkit.hub.FakeHub;
import dev.modeldock.testkit.hub.HubRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A RoBERTa-family repository whose tokenizer is vocab.json and merges.txt (microsoft/codebert-base has
 * no tokenizer.json): both come down with the pipeline's files, and the cached snapshot is complete
 * enough to be used offline.
 */
class ByteLevelBpeDownloadTest {
    @TempDir
    Path scratch;
    @TempDir
    Path cacheDir;

    @Test
    void vocabJsonAndMergesTxtAreDownloadedAndTheSnapshotServesOffline() throws Exception {
        Path folder = RobertaHubFolder.create(scratch);
        Files.delete(folder.resolve("tokenizer.json"));
        HubRepo repo = HubRepo.fromFolder(RobertaHubFolder.HUB_ID, folder);
        try (FakeHub hub = FakeHub.start().serve(repo)) {
            ModelFolder fetched = fetch(hub, false);
            for (String file : new String[] {"vocab.json", "merges.txt"}) {
                assertArrayEquals(repo.files().get(file), Files.readAllBytes(fetched.root().resolve(file)), file);
            }
            ModelFolder offline = fetch(hub, true);
            assertEquals(fetched.root(), offline.root());
        }
    }

    private ModelFolder fetch(FakeHub hub, boolean offline) {
        HubEnvironment environment = new HubEnvironment(hub.endpoint(), null, offline, Duration.ofSeconds(5));
        return new HubRepository(cacheDir, environment, false, false)
                .fetch(RobertaHubFolder.HUB_ID, null, (path, done, total) -> { }).folder();
    }
}
