package dev.modeldock.tokenizer.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.TokenizerOptions;
import dev.modeldock.runtime.PipelineSession;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.bpe.ByteLevelBpeFiles;
import dev.modeldock.testkit.bpe.ClipBpeFiles;
import dev.modeldock.testkit.plugin.TokenizerGraphs;
import dev.modeldock.testkit.sentencepiece.XlmRobertaTokenizerFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipTokenizerTest {
    private static final TokenizerOptions LOWERCASING = new TokenizerOptions(true, 16);
    private static final ClipTokenizer CLIP = new ClipTokenizer();

    @TempDir
    Path dir;

    @Test
    void isNamedAsOracleMetadataNamesTheFamily() {
        assertEquals("clip", CLIP.name());
    }

    @Test
    void clipFilesAreRecognisedByClassByTokenizerJsonOrByModelType() throws Exception {
        Path folder = ClipBpeFiles.small().writeInto(dir.resolve("clip"));
        assertTrue(recognizes(folder), "tokenizer_class CLIPTokenizer");
        Files.delete(folder.resolve("tokenizer_config.json"));
        assertTrue(recognizes(folder), "tokenizer.json: BPE with </w> and <|startoftext|> first");
        Files.delete(folder.resolve("tokenizer.json"));
        assertFalse(recognizes(folder), "nothing says which family");
        Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"clip\"}");
        assertTrue(recognizes(folder));
    }

    @Test
    void robertaBertAndSentencePieceFoldersAndEmptyOnesAreNotClip() throws Exception {
        Path roberta = ByteLevelBpeFiles.roberta(ByteLevelBpeFiles.small()).writeInto(dir.resolve("roberta"));
        Path gpt2 = ByteLevelBpeFiles.gpt2(ByteLevelBpeFiles.small()).writeInto(dir.resolve("gpt2"));
        Path bert = MiniLmHubFolder.create(dir.resolve("bert"));
        Path xlmr = XlmRobertaTokenizerFiles.write(dir.resolve("xlmr"));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        for (Path folder : new Path[] {roberta, gpt2, bert, xlmr, empty}) {
            assertFalse(recognizes(folder), folder.toString());
        }
    }

    @Test
    void attentionMaskIsOnesAndTokenTypesZerosForEveryId() throws Exception {
        Path folder = ClipBpeFiles.small().writeInto(dir);
        String text = "The database keeps 42 vectors";
        long[] ids = run(folder, TokenizerGraphs.Output.INPUT_IDS, text);
        long[] ones = new long[ids.length];
        Arrays.fill(ones, 1);
        assertArrayEquals(ones, run(folder, TokenizerGraphs.Output.ATTENTION_MASK, text));
        assertArrayEquals(new long[ids.length], run(folder, TokenizerGraphs.Output.TOKEN_TYPE_IDS, text));
    }

    @Test
    void keepingCaseIsRefusedSayingToSetDoLowerCaseTrue() {
        Path folder = ClipBpeFiles.small().writeInto(dir);
        ModelDockException refused = assertThrows(ModelDockException.class,
                () -> append(folder, new TokenizerOptions(false, 16)));
        assertTrue(refused.getMessage().contains("do_lower_case is false"), refused.getMessage());
        assertTrue(refused.getMessage().contains("set do_lower_case to true"), refused.getMessage());
    }

    @Test
    void missingMergesTxtIsNamed() throws Exception {
        Path folder = ClipBpeFiles.small().writeInto(dir);
        Files.delete(folder.resolve("merges.txt"));
        assertTrue(recognizes(folder), "vocab.json and the class say CLIP");
        ModelDockException refused = assertThrows(ModelDockException.class, () -> append(folder, LOWERCASING));
        assertTrue(refused.getMessage().contains("has no file merges.txt"), refused.getMessage());
    }

    @Test
    void corruptFilesAreNamedWithWhatGaveThemAwayNeverTheirContent() throws Exception {
        Path folder = ClipBpeFiles.small().writeInto(dir);
        Files.writeString(folder.resolve("merges.txt"), "#version: 0.2\ni n\n<html>rate limited</html>\n");
        ModelDockException refused = assertThrows(ModelDockException.class, () -> append(folder, LOWERCASING));
        assertTrue(refused.getMessage().startsWith("merges.txt in " + folder + ", line 3, is not a merge of two pieces"),
                refused.getMessage());
        assertFalse(refused.getMessage().contains("rate limited"), "never the file's content");

        Files.writeString(folder.resolve("vocab.json"), "{\"<|startoftext|>\": 0, \"<|endoftext|>\": 1, \"a\": 2}");
        refused = assertThrows(ModelDockException.class, () -> append(folder, LOWERCASING));
        assertTrue(refused.getMessage().contains("lacks the piece for byte 0"), refused.getMessage());

        Files.writeString(folder.resolve("vocab.json"), "{\"a\": 2}");
        refused = assertThrows(ModelDockException.class, () -> append(folder, LOWERCASING));
        assertTrue(refused.getMessage().contains("has no <|startoftext|>"), refused.getMessage());
    }

    @Test
    void maxSeqLengthWithoutRoomForATokenIsRefused() {
        Path folder = ClipBpeFiles.small().writeInto(dir);
        ModelDockException refused = assertThrows(ModelDockException.class,
                () -> append(folder, new TokenizerOptions(true, 2)));
        assertTrue(refused.getMessage().startsWith("max_seq_length 2 leaves no room for a token between"
                + " <|startoftext|> and <|endoftext|>"), refused.getMessage());
    }

    private static boolean recognizes(Path folder) {
        return CLIP.recognizes(new ModelFolder("tiny-clip", folder));
    }

    private static void append(Path folder, TokenizerOptions options) throws Exception {
        TokenizerGraphs.write(new ClipTokenizer(), folder, options, TokenizerGraphs.Output.INPUT_IDS, "tokenizer.onnx");
    }

    private static long[] run(Path folder, TokenizerGraphs.Output output, String text) throws Exception {
        Path file = TokenizerGraphs.write(new ClipTokenizer(), folder, LOWERCASING, output, output + ".onnx");
        try (PipelineSession graph = PipelineSession.open(file, 1)) {
            return graph.tokenIds(text);
        }
    }
}
