package dev.modeldock.source.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.source.HubModel;
import dev.modeldock.testkit.ClipHubFolder;
import dev.modeldock.testkit.MiniLmHubFolder;
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
 * there; a multimodal repository's text tower and CLIP's vocabulary.
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

    /**
     * A multimodal repository in Xenova's CLIP layout: the text tower ({@code onnx/text_model.onnx}) comes
     * down with CLIP's vocab.json and merges.txt, never the whole model (which also wants images) or the
     * vision tower.
     */
    @Test
    void aClipRepositorysTextTowerIsTheEncoderDownloadedBesideItsVocabularyAndMerges() throws Exception {
        Path folder = ClipHubFolder.create(scratch);
        HubRepo repo = HubRepo.fromFolder(ClipHubFolder.HUB_ID, folder)
                .withFile("onnx/model.onnx", TinyRepos.bytes(4096, 3))
                .withFile("onnx/vision_model.onnx", TinyRepos.bytes(4096, 4));
        Path fetched = fetchedTwice(repo, List.of(ClipHubFolder.ENCODER, "vocab.json", "merges.txt", "tokenizer.json"));
        assertFalse(Files.exists(fetched.resolve("onnx/model.onnx")), "the whole model stays on the hub");
        assertFalse(Files.exists(fetched.resolve("onnx/vision_model.onnx")), "the vision tower stays on the hub");
        assertEquals(fetched.resolve(ClipHubFolder.ENCODER),
                HubModel.open(new ModelFolder(ClipHubFolder.HUB_ID, fetched)).encoderFile());
    }

    /**
     * An encoder past 2 GB ships as {@code onnx/model.onnx} and {@code onnx/model.onnx_data}: the data
     * comes down with it, and the encoder read from the snapshot has its weights.
     */
    @Test
    void anEncodersExternalDataIsDownloadedBesideIt() throws Exception {
        Path folder = MiniLmHubFolder.createWithExternalData(scratch);
        HubRepo repo = HubRepo.fromFolder(MiniLmHubFolder.HUB_ID, folder)
                .withFile("onnx/model_quantized.onnx", TinyRepos.bytes(4096, 5));
        Path fetched = fetchedTwice(repo, List.of("onnx/model.onnx", "onnx/model.onnx_data"));
        assertFalse(Files.exists(fetched.resolve("onnx/model_quantized.onnx")), "other exports stay on the hub");
        ModelFolder snapshot = new ModelFolder(MiniLmHubFolder.HUB_ID, fetched);
        assertFalse(HubModel.open(snapshot).encoder().getGraph().getInitializer(0).getRawData().isEmpty());
        assertEquals(List.of("config.json", "onnx/model.onnx", "onnx/model.onnx_data"),
                List.copyOf(snapshot.inputs().keySet()), "the data file is an input of the conversion, hashed");
    }

    /** Fetches {@code repo} online, checks {@code files}, then again offline from the cache alone. */
    private Path fetchedTwice(HubRepo repo, List<String> files) throws Exception {
        try (FakeHub hub = FakeHub.start().serve(repo)) {
            ModelFolder fetched = fetch(hub, repo.repoId(), false);
            for (String file : files) {
                assertArrayEquals(repo.files().get(file), Files.readAllBytes(fetched.root().resolve(file)), file);
            }
            ModelFolder offline = fetch(hub, repo.repoId(), true);
            assertEquals(fetched.root(), offline.root());
            return fetched.root();
        }
    }

    private ModelFolder fetch(FakeHub hub, String id, boolean offline) {
        HubEnvironment environment = new HubEnvironment(hub.endpoint(), null, offline, Duration.ofSeconds(5));
        return new HubRepository(cacheDir, environment, false, false)
                .fetch(id, null, (path, done, total) -> { }).folder();
    }
}
