package dev.modeldock.tokenizer.sentencepiece;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.TokenizerOptions;
import dev.modeldock.runtime.PipelineSession;
import dev.modeldock.testkit.plugin.TokenizerGraphs;
import dev.modeldock.testkit.sentencepiece.SentencePieceModelWriter;
import dev.modeldock.testkit.sentencepiece.XlmRobertaTokenizerFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentencePieceTokenizerTest {
    private static final TokenizerOptions CASED = new TokenizerOptions(false, 16);

    @TempDir
    Path dir;

    @Test
    void isNamedAsOracleMetadataNamesTheFamily() {
        assertEquals("sentencepiece", new SentencePieceTokenizer().name());
    }

    @Test
    void recognizesAModelWithASentencePieceModelOrAnXlmRobertaUnigramTokenizerJson() {
        assertTrue(recognizes(XlmRobertaTokenizerFiles.write(dir.resolve("both"))));
        assertTrue(recognizes(XlmRobertaTokenizerFiles.writeModel(dir.resolve("model-only"))));
        assertTrue(recognizes(XlmRobertaTokenizerFiles.writeTokenizerJson(dir.resolve("json-only"))));
    }

    @Test
    void doesNotRecognizeWordPieceOrOtherUnigramLayoutsOrAnEmptyFolder() throws Exception {
        Path wordPiece = XlmRobertaTokenizerFiles.writeModel(dir.resolve("wordpiece"));
        Files.writeString(wordPiece.resolve("vocab.txt"), "[PAD]\n[UNK]\n[CLS]\n[SEP]\nhello\n");
        assertFalse(recognizes(wordPiece));

        Path wordPieceJson = XlmRobertaTokenizerFiles.writeModel(dir.resolve("wordpiece-json"));
        ObjectNode bert = new ObjectMapper().createObjectNode();
        bert.putObject("model").put("type", "WordPiece").putObject("vocab").put("[UNK]", 0);
        Files.writeString(wordPieceJson.resolve("tokenizer.json"), bert.toString());
        assertFalse(recognizes(wordPieceJson));

        // T5's layout: <pad> </s> <unk> first, which the op's fairseq mapping would get wrong.
        Path t5 = Files.createDirectories(dir.resolve("t5"));
        ObjectNode unigram = XlmRobertaTokenizerFiles.tokenizerJson();
        ArrayNode vocab = (ArrayNode) unigram.path("model").path("vocab");
        vocab.remove(0);
        Files.writeString(t5.resolve("tokenizer.json"), unigram.toString());
        assertFalse(recognizes(t5));

        assertFalse(recognizes(Files.createDirectories(dir.resolve("empty"))));
    }

    @Test
    void attentionMaskIsOnesAndTokenTypesZerosForEveryId() throws Exception {
        Path folder = XlmRobertaTokenizerFiles.write(dir);
        String text = "hello world, the database";
        long[] ids = run(folder, TokenizerGraphs.Output.INPUT_IDS, text);
        long[] mask = run(folder, TokenizerGraphs.Output.ATTENTION_MASK, text);
        long[] types = run(folder, TokenizerGraphs.Output.TOKEN_TYPE_IDS, text);
        long[] ones = new long[ids.length];
        Arrays.fill(ones, 1);
        assertArrayEquals(ones, mask);
        assertArrayEquals(new long[ids.length], types);
    }

    @Test
    void doLowerCaseIsRefusedSayingToSetItFalse() {
        Path folder = XlmRobertaTokenizerFiles.write(dir);
        ModelDockException refused = assertThrows(ModelDockException.class,
                () -> append(folder, new TokenizerOptions(true, 16)));
        assertTrue(refused.getMessage().contains("do_lower_case is true"), refused.getMessage());
        assertTrue(refused.getMessage().contains("set do_lower_case to false"), refused.getMessage());
    }

    @Test
    void missingModelFileIsNamed() {
        Path folder = XlmRobertaTokenizerFiles.writeTokenizerJson(dir);
        ModelDockException refused = assertThrows(ModelDockException.class, () -> append(folder, CASED));
        assertTrue(refused.getMessage().contains("has no file sentencepiece.bpe.model"), refused.getMessage());
    }

    @Test
    void corruptModelFileIsNamedAsNotASentencePieceModel() throws Exception {
        Path folder = XlmRobertaTokenizerFiles.write(dir);
        Files.writeString(folder.resolve("sentencepiece.bpe.model"), "<html>rate limited</html>");
        ModelDockException refused = assertThrows(ModelDockException.class, () -> append(folder, CASED));
        assertTrue(refused.getMessage().startsWith("sentencepiece.bpe.model in " + folder
                + " is not a SentencePiece model ("), refused.getMessage());

        byte[] model = Files.readAllBytes(folder.resolve("sentencepiece.bpe.model"));
        Files.write(folder.resolve("sentencepiece.bpe.model"), Arrays.copyOf(
                SentencePieceModelWriter.unigram(XlmRobertaTokenizerFiles.PIECES), model.length / 2));
        refused = assertThrows(ModelDockException.class, () -> append(folder, CASED));
        assertTrue(refused.getMessage().contains("is not a SentencePiece model"), refused.getMessage());
    }

    @Test
    void modelWhoseFirstPiecesAreNotXlmRobertasIsRefusedNamingThem() throws Exception {
        Path folder = XlmRobertaTokenizerFiles.write(dir);
        Map<String, Float> shifted = new LinkedHashMap<>();
        shifted.put("<pad>", 0f);
        shifted.putAll(XlmRobertaTokenizerFiles.PIECES);
        byte[] model = SentencePieceModelWriter.unigram(shifted);
        // The writer puts <unk> <s> </s> first; dropping its <unk> record (tag byte, length byte, record)
        // leaves <s> </s> <pad>, ids shifted as in a model trained with other special ids.
        int firstPieceLength = model[1] + 2;
        Files.write(folder.resolve("sentencepiece.bpe.model"), Arrays.copyOfRange(model, firstPieceLength, model.length));
        ModelDockException refused = assertThrows(ModelDockException.class, () -> append(folder, CASED));
        assertTrue(refused.getMessage().contains("starts with the pieces [<s>, </s>, <pad>], not [<unk>, <s>, </s>]"),
                refused.getMessage());
    }

    @Test
    void maxSeqLengthWithoutRoomForATokenIsRefused() {
        Path folder = XlmRobertaTokenizerFiles.write(dir);
        ModelDockException refused = assertThrows(ModelDockException.class,
                () -> append(folder, new TokenizerOptions(false, 2)));
        assertTrue(refused.getMessage().startsWith("max_seq_length 2 leaves no room"), refused.getMessage());
    }

    private boolean recognizes(Path folder) {
        return new SentencePieceTokenizer().recognizes(new ModelFolder("tiny-xlmr", folder));
    }

    private void append(Path folder, TokenizerOptions options) throws Exception {
        TokenizerGraphs.write(new SentencePieceTokenizer(), folder, options, TokenizerGraphs.Output.INPUT_IDS,
                "tokenizer.onnx");
    }

    private long[] run(Path folder, TokenizerGraphs.Output output, String text) throws Exception {
        Path file = TokenizerGraphs.write(new SentencePieceTokenizer(), folder, CASED, output, output + ".onnx");
        try (PipelineSession graph = PipelineSession.open(file, 1)) {
            return graph.tokenIds(text);
        }
    }
}
