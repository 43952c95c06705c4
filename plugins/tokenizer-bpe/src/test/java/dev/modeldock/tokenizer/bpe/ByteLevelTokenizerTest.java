package dev.modeldock.tokenizer.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.Tokenizer;
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

class ByteLevelTokenizerTest {
    private static final TokenizerOptions CASED = new TokenizerOptions(false, 16);
    private static final Tokenizer ROBERTA = new RobertaBpeTokenizer();
    private static final Tokenizer GPT2 = new Gpt2BpeTokenizer();

    @TempDir
    Path dir;

    @Test
    void areNamedAsOracleMetadataNamesTheFamilies() {
        assertEquals("bpe", ROBERTA.name());
        assertEquals("gpt2", GPT2.name());
    }

    @Test
    void robertaFilesAreTheRobertaTokenizersAndGpt2FilesTheGpt2Tokenizers() {
        Path roberta = roberta().writeInto(dir.resolve("roberta"));
        Path gpt2 = ByteLevelBpeFiles.gpt2(ByteLevelBpeFiles.small()).writeInto(dir.resolve("gpt2"));
        assertTrue(recognizes(ROBERTA, roberta));
        assertFalse(recognizes(GPT2, roberta));
        assertTrue(recognizes(GPT2, gpt2));
        assertFalse(recognizes(ROBERTA, gpt2));
    }

    @Test
    void familyIsTakenFromTokenizerJsonOrConfigJsonWithoutATokenizerClass() throws Exception {
        Path fast = roberta().writeInto(dir.resolve("fast"));
        Files.delete(fast.resolve("tokenizer_config.json"));
        assertTrue(recognizes(ROBERTA, fast), "RobertaProcessing in tokenizer.json");

        // microsoft/codebert-base's layout: vocab.json, merges.txt, config.json and nothing else of the tokenizer.
        Path slow = roberta().writeVocabAndMerges(dir.resolve("slow"));
        assertFalse(recognizes(ROBERTA, slow), "nothing says which family");
        Files.writeString(slow.resolve("config.json"), "{\"model_type\": \"roberta\"}");
        assertTrue(recognizes(ROBERTA, slow));
    }

    @Test
    void bertSentencePieceAndClipFoldersAndEmptyOnesAreNotByteLevelBpe() throws Exception {
        Path bert = MiniLmHubFolder.create(dir.resolve("bert"));
        Path xlmr = XlmRobertaTokenizerFiles.write(dir.resolve("xlmr"));
        Path clip = ClipBpeFiles.small().writeInto(dir.resolve("clip"));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        for (Path folder : new Path[] {bert, xlmr, clip, empty}) {
            assertFalse(recognizes(ROBERTA, folder), folder.toString());
            assertFalse(recognizes(GPT2, folder), folder.toString());
        }
        // A RoBERTa tokenizer class beside a tokenizer.json of another kind: the tokenizer.json wins.
        Path mixed = roberta().writeInto(dir.resolve("mixed"));
        Files.writeString(mixed.resolve("tokenizer.json"), "{\"model\": {\"type\": \"WordPiece\", \"vocab\": {}}}");
        assertFalse(recognizes(ROBERTA, mixed));
    }

    @Test
    void attentionMaskIsOnesAndTokenTypesZerosForEveryId() throws Exception {
        Path folder = roberta().writeInto(dir);
        String text = "The database keeps every vector";
        long[] ids = run(folder, TokenizerGraphs.Output.INPUT_IDS, text);
        long[] ones = new long[ids.length];
        Arrays.fill(ones, 1);
        assertArrayEquals(ones, run(folder, TokenizerGraphs.Output.ATTENTION_MASK, text));
        assertArrayEquals(new long[ids.length], run(folder, TokenizerGraphs.Output.TOKEN_TYPE_IDS, text));
    }

    @Test
    void doLowerCaseIsRefusedSayingToSetItFalse() {
        Path folder = roberta().writeInto(dir);
        ModelDockException refused = assertThrows(ModelDockException.class,
                () -> append(ROBERTA, folder, new TokenizerOptions(true, 16)));
        assertTrue(refused.getMessage().contains("do_lower_case is true"), refused.getMessage());
        assertTrue(refused.getMessage().contains("set do_lower_case to false"), refused.getMessage());
    }

    @Test
    void prefixSpaceIsRefusedNamingTheFileThatAsksForIt() throws Exception {
        Path folder = roberta().writeInto(dir);
        ObjectNode tokenizer = roberta().tokenizerJson();
        ((ObjectNode) tokenizer.path("pre_tokenizer")).put("add_prefix_space", true);
        Files.writeString(folder.resolve("tokenizer.json"), tokenizer.toString());
        ModelDockException refused = assertThrows(ModelDockException.class, () -> append(ROBERTA, folder, CASED));
        assertTrue(refused.getMessage().contains("add_prefix_space in tokenizer.json's ByteLevel pre-tokenizer"),
                refused.getMessage());

        Path slow = roberta().writeVocabAndMerges(dir.resolve("slow"));
        Files.writeString(slow.resolve("tokenizer_config.json"),
                "{\"tokenizer_class\": \"RobertaTokenizer\", \"add_prefix_space\": true}");
        refused = assertThrows(ModelDockException.class, () -> append(ROBERTA, slow, CASED));
        assertTrue(refused.getMessage().contains("add_prefix_space in tokenizer_config.json"), refused.getMessage());
    }

    @Test
    void missingMergesTxtIsNamed() throws Exception {
        Path folder = roberta().writeInto(dir);
        Files.delete(folder.resolve("merges.txt"));
        assertTrue(recognizes(ROBERTA, folder), "vocab.json and the class say RoBERTa");
        ModelDockException refused = assertThrows(ModelDockException.class, () -> append(ROBERTA, folder, CASED));
        assertTrue(refused.getMessage().contains("has no file merges.txt"), refused.getMessage());
    }

    @Test
    void corruptMergesTxtIsNamedWithTheLineThatGaveItAway() throws Exception {
        Path folder = roberta().writeInto(dir);
        Files.writeString(folder.resolve("merges.txt"), "#version: 0.2\n\u0120 t\n<html>rate limited</html>\n");
        ModelDockException refused = assertThrows(ModelDockException.class, () -> append(ROBERTA, folder, CASED));
        assertTrue(refused.getMessage().startsWith("merges.txt in " + folder + ", line 3, is not a merge of two pieces"),
                refused.getMessage());
        assertFalse(refused.getMessage().contains("rate limited"), "never the file's content");

        Files.writeString(folder.resolve("merges.txt"), "#version: 0.2\n");
        refused = assertThrows(ModelDockException.class, () -> append(ROBERTA, folder, CASED));
        assertTrue(refused.getMessage().contains("merges.txt in " + folder + " holds no merges"), refused.getMessage());
    }

    @Test
    void corruptVocabJsonIsNamed() throws Exception {
        Path folder = roberta().writeInto(dir);
        Files.writeString(folder.resolve("vocab.json"), "{\"<s>\": 0, \"</s>\": 2");
        ModelDockException refused = assertThrows(ModelDockException.class, () -> append(ROBERTA, folder, CASED));
        assertTrue(refused.getMessage().startsWith("vocab.json in " + folder + " is not valid JSON"), refused.getMessage());

        Files.writeString(folder.resolve("vocab.json"), "{\"<s>\": 0, \"</s>\": 2, \"a\": 3}");
        refused = assertThrows(ModelDockException.class, () -> append(ROBERTA, folder, CASED));
        assertTrue(refused.getMessage().contains("lacks the piece for byte 0"), refused.getMessage());
    }

    @Test
    void maxSeqLengthWithoutRoomForATokenIsRefused() {
        Path folder = roberta().writeInto(dir);
        ModelDockException refused = assertThrows(ModelDockException.class,
                () -> append(ROBERTA, folder, new TokenizerOptions(false, 2)));
        assertTrue(refused.getMessage().startsWith("max_seq_length 2 leaves no room for a token between <s> and </s>"),
                refused.getMessage());
    }

    private static ByteLevelBpeFiles roberta() {
        return ByteLevelBpeFiles.roberta(ByteLevelBpeFiles.small());
    }

    private static boolean recognizes(Tokenizer tokenizer, Path folder) {
        return tokenizer.recognizes(new ModelFolder("tiny-bpe", folder));
    }

    private static void append(Tokenizer tokenizer, Path folder, TokenizerOptions options) throws Exception {
        TokenizerGraphs.write(tokenizer, folder, options, TokenizerGraphs.Output.INPUT_IDS, "tokenizer.onnx");
    }

    private static long[] run(Path folder, TokenizerGraphs.Output output, String text) throws Exception {
        Path file = TokenizerGraphs.write(ROBERTA, folder, CASED, output, output + ".onnx");
        try (PipelineSession graph = PipelineSession.open(file, 1)) {
            return graph.tokenIds(text);
        }
    }
}
