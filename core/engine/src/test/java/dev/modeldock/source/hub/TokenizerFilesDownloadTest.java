package dev.modeldock.source.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.testkit.RobertaHubFolder;
import dev.modeldock.testkit.XlmRobertaHubFolder;
import dev.modeldock.testkit.hub.FakeHub;
import dev.modeldock.testkit.hub.HubRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tokenizer files other than tokenizer.json that a plugin builds its nodes from come down with the
 * pipeline's files, and a cached snapshot holding them is complete enough to be used offline:
 * byte-level BPE's vocab.json and merges.txt (microsoft/codebert-base has no tokenizer.json), and
 * XLM-RoBERTa's sentencepiece.bpe.model, which the SentencePiece op holds even when tokenizer.json is
 * there.
 */
class TokenizerFilesDownloadTest {
    @TempDir
    Path scratch;
    @TempDir
    Path cacheDir;

    @Test
    void vocabJsonAndMergesTxtAreDownloadedAndTheSnapshotServesOffline() throws Exception {
        Path folder = RobertaHubFolder.create(scratch);
        Files.delete(folder.resolve("tokenizer.json"));
        fetchedTwice(HubRepo.fromFolder(RobertaHubFolder.HUB_ID, folder), List.of("vocab.json", "merges.txt"));
    }

    @Test
    void theSentencePieceModelIsDownloadedBesideTokenizerJson() throws Exception {
        Path folder = XlmRobertaHubFolder.create(scratch);
        fetchedTwice(HubRepo.fromFolder(XlmRobertaHubFolder.HUB_ID, folder),
                List.of("sentencepiece.bpe.model", "tokenizer.json"));
    }

    @Test
    void aSentencePieceModelWithoutTokenizerJsonIsACompleteSnapshot() throws Exception {
        Path folder = XlmRobertaHubFolder.create(scratch);
        Files.delete(folder.resolve("tokenizer.json"));
        fetchedTwice(HubRepo.fromFolder(XlmRobertaHubFolder.HUB_ID, folder), List.of("sentencepiece.bpe.model"));
    }

    /** Fetches {@code repo} online, checks {@code files}, then again offline from the cache alone. */
    private void fetchedTwice(HubRepo repo, List<String> files) throws Exception {
        try (FakeHub hub = FakeHub.start().serve(repo)) {
            ModelFolder fetched = fetch(hub, repo.repoId(), false);
            for (String file : files) {
                assertArrayEquals(repo.files().get(file), Files.readAllBytes(fetched.root().resolve(file)), file);
            }
            ModelFolder offline = fetch(hub, repo.repoId(), true);
            assertEquals(fetched.root(), offline.root());
        }
    }

    private ModelFolder fetch(FakeHub hub, String id, boolean offline) {
        HubEnvironment environment = new HubEnvironment(hub.endpoint(), null, offline, Duration.ofSeconds(5));
        return new HubRepository(cacheDir, environment, false, false)
                .fetch(id, null, (path, done, total) -> { }).folder();
    }
}
