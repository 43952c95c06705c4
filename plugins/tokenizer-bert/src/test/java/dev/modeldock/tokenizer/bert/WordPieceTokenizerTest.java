package dev.modeldock.tokenizer.bert;

import static dev.modeldock.tokenizer.bert.TokenizerFixtures.VOCAB;
import static dev.modeldock.tokenizer.bert.TokenizerFixtures.ids;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modeldock.graph.ProtoGraphBuilder;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.onnx.TensorTypes;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.TokenIds;
import dev.modeldock.plugin.TokenizerOptions;
import dev.modeldock.runtime.OrtSessions;
import dev.modeldock.runtime.PipelineSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordPieceTokenizerTest {
    private static final TokenizerOptions UNCASED = new TokenizerOptions(true, 8);

    @TempDir
    Path dir;

    @Test
    void recognizesAWordPieceTokenizerJson() throws Exception {
        TokenizerFixtures.writeJson(dir, "tokenizer.json", TokenizerFixtures.tokenizerJson(VOCAB));
        assertTrue(new WordPieceTokenizer().recognizes(folder()));
    }

    @Test
    void doesNotRecognizeABpeTokenizerJson() throws Exception {
        TokenizerFixtures.writeJson(dir, "tokenizer.json", TokenizerFixtures.bpeTokenizerJson());
        TokenizerFixtures.writeVocabTxt(dir, VOCAB);
        assertFalse(new WordPieceTokenizer().recognizes(folder()), "tokenizer.json outranks a stray vocab.txt");
    }

    @Test
    void recognizesAVocabTxtWithoutTokenizerJson() throws Exception {
        TokenizerFixtures.writeVocabTxt(dir, VOCAB);
        assertTrue(new WordPieceTokenizer().recognizes(folder()));
    }

    @Test
    void doesNotRecognizeAFolderWithoutTokenizerFiles() throws Exception {
        Files.writeString(dir.resolve("config.json"), "{}");
        assertFalse(new WordPieceTokenizer().recognizes(folder()));
    }

    @Test
    void lowercasesAndSplitsOffSuffixPieces() throws Exception {
        Path graph = tokenizerGraph(TokenizerFixtures.tokenizerJson(VOCAB), UNCASED);
        assertArrayEquals(ids("[CLS]", "hello", "world", "##s", "[SEP]"), tokenIds(graph, "Hello worlds"));
    }

    @Test
    void splitsPunctuationAndMapsUnknownWordsToUnk() throws Exception {
        Path graph = tokenizerGraph(TokenizerFixtures.tokenizerJson(VOCAB), UNCASED);
        assertArrayEquals(ids("[CLS]", "hello", ",", "[UNK]", "world", "!", "[SEP]"),
                tokenIds(graph, "hello, xyzzy world!"));
    }

    @Test
    void truncatesToMaxLengthKeepingClsFirstAndSepLast() throws Exception {
        Path graph = tokenizerGraph(TokenizerFixtures.tokenizerJson(VOCAB), new TokenizerOptions(true, 5));
        long[] ids = tokenIds(graph, "hello world hello world there");
        assertEquals(5, ids.length, Arrays.toString(ids));
        assertArrayEquals(ids("[CLS]", "hello", "world", "hello", "[SEP]"), ids);
    }

    @Test
    void shortTextIsNotPaddedToMaxLength() throws Exception {
        Path graph = tokenizerGraph(TokenizerFixtures.tokenizerJson(VOCAB), new TokenizerOptions(true, 5));
        assertArrayEquals(ids("[CLS]", "hello", "[SEP]"), tokenIds(graph, "hello"));
    }

    @Test
    void lowercasingStripsAccentsWhenTheFilesLeaveItOpen() throws Exception {
        Path graph = tokenizerGraph(TokenizerFixtures.tokenizerJson(VOCAB), UNCASED);
        assertArrayEquals(ids("[CLS]", "cafe", "[SEP]"), tokenIds(graph, "Café"));
        assertArrayEquals(tokenIds(graph, "cafe"), tokenIds(graph, "Café"));
    }

    @Test
    void explicitStripAccentsFalseKeepsTheAccent() throws Exception {
        ObjectNode tokenizer = TokenizerFixtures.tokenizerJson(VOCAB);
        ((ObjectNode) tokenizer.get("normalizer")).put("strip_accents", false);
        Path graph = tokenizerGraph(tokenizer, UNCASED);
        assertArrayEquals(ids("[CLS]", "[UNK]", "[SEP]"), tokenIds(graph, "Café"));
        assertArrayEquals(ids("[CLS]", "cafe", "[SEP]"), tokenIds(graph, "Cafe"));
    }

    @Test
    void keepsCaseWhenTheConfigurationSaysNotToLowercase() throws Exception {
        Path graph = tokenizerGraph(TokenizerFixtures.tokenizerJson(VOCAB), new TokenizerOptions(false, 8));
        assertArrayEquals(ids("[CLS]", "[UNK]", "hello", "[SEP]"), tokenIds(graph, "Hello hello"));
    }

    @Test
    void vocabTxtModelTokenizesLikeTheTokenizerJsonModel() throws Exception {
        Path fromJson = tokenizerGraph(TokenizerFixtures.tokenizerJson(VOCAB), UNCASED);
        Path txtModel = Files.createDirectories(dir.resolve("txt-model"));
        TokenizerFixtures.writeVocabTxt(txtModel, VOCAB);
        Path fromTxt = TokenizerFixtures.write(TokenizerFixtures.idsGraph(new ModelFolder("txt", txtModel), UNCASED),
                dir.resolve("txt.onnx"));
        String text = "Hello, the worlds!";
        assertArrayEquals(ids("[CLS]", "hello", ",", "the", "world", "##s", "!", "[SEP]"), tokenIds(fromTxt, text));
        assertArrayEquals(tokenIds(fromJson, text), tokenIds(fromTxt, text));
    }

    @Test
    void attentionMaskIsOneAndTokenTypesZeroForEveryToken() throws Exception {
        TokenizerFixtures.writeJson(dir, "tokenizer.json", TokenizerFixtures.tokenizerJson(VOCAB));
        ProtoGraphBuilder graph = new ProtoGraphBuilder("tokenizer", 17);
        graph.addInput(TensorTypes.tensor("input", DataType.STRING, 1));
        TokenIds ids = new WordPieceTokenizer().append(graph, "input", folder(), UNCASED);
        graph.publish(ids.inputIds(), TensorTypes.tensor("ids", DataType.INT64, 1, "tokens"));
        graph.publish(ids.attentionMask(), TensorTypes.tensor("mask", DataType.INT64, 1, "tokens"));
        graph.publish(ids.tokenTypeIds(), TensorTypes.tensor("types", DataType.INT64, 1, "tokens"));
        Path file = TokenizerFixtures.write(graph, dir.resolve("three.onnx"));
        try (OrtSession session = OrtSessions.open(file, 1);
                OnnxTensor text = OnnxTensor.createTensor(OrtSessions.environment(), new String[] {"hello worlds"},
                        new long[] {1});
                OrtSession.Result result = session.run(Map.of("input", text))) {
            long[][] tokenIds = (long[][]) result.get("ids").orElseThrow().getValue();
            long[][] mask = (long[][]) result.get("mask").orElseThrow().getValue();
            long[][] types = (long[][]) result.get("types").orElseThrow().getValue();
            assertArrayEquals(ids("[CLS]", "hello", "world", "##s", "[SEP]"), tokenIds[0]);
            long[] ones = new long[tokenIds[0].length];
            Arrays.fill(ones, 1);
            assertArrayEquals(ones, mask[0]);
            assertArrayEquals(new long[tokenIds[0].length], types[0]);
        }
    }

    @Test
    void everyAttributeIsWrittenWithTheTypeTheOpReads() throws Exception {
        NodeProto node = bertTokenizerNode(tokenizerGraph(TokenizerFixtures.tokenizerJson(VOCAB), UNCASED));
        Map<String, AttributeProto> written = attributesByName(node);
        // The types onnxruntime-extensions' BertTokenizer reads; an attribute of another type is ignored
        // by the op, which then falls back to its default.
        Map<String, AttributeType> expected = new LinkedHashMap<>();
        expected.put("vocab_file", AttributeType.STRING);
        expected.put("do_lower_case", AttributeType.INT);
        expected.put("do_basic_tokenize", AttributeType.INT);
        expected.put("strip_accents", AttributeType.INT);
        expected.put("tokenize_chinese_chars", AttributeType.INT);
        expected.put("unk_token", AttributeType.STRING);
        expected.put("cls_token", AttributeType.STRING);
        expected.put("sep_token", AttributeType.STRING);
        expected.put("pad_token", AttributeType.STRING);
        expected.put("mask_token", AttributeType.STRING);
        expected.put("suffix_indicator", AttributeType.STRING);
        expected.put("max_length", AttributeType.INT);
        assertEquals(expected.keySet(), written.keySet());
        expected.forEach((name, type) -> assertEquals(type, written.get(name).getType(), name));

        List<String> lines = List.of(written.get("vocab_file").getS().toStringUtf8().split("\n", -1));
        assertEquals(VOCAB, lines.subList(0, VOCAB.size()), "the model's tokens first, so each keeps its id");
        assertTrue(lines.contains("##ś"), "then aliases such as ##ś for ##s: " + lines.subList(VOCAB.size(), lines.size()));
        assertEquals(1, written.get("do_lower_case").getI());
        assertEquals(1, written.get("do_basic_tokenize").getI());
        assertEquals(1, written.get("strip_accents").getI(), "null strip_accents follows lowercasing");
        assertEquals(1, written.get("tokenize_chinese_chars").getI());
        assertEquals("[UNK]", written.get("unk_token").getS().toStringUtf8());
        assertEquals("[CLS]", written.get("cls_token").getS().toStringUtf8());
        assertEquals("[SEP]", written.get("sep_token").getS().toStringUtf8());
        assertEquals("[PAD]", written.get("pad_token").getS().toStringUtf8());
        assertEquals("[MASK]", written.get("mask_token").getS().toStringUtf8());
        assertEquals("##", written.get("suffix_indicator").getS().toStringUtf8());
        assertEquals(8, written.get("max_length").getI());
    }

    @Test
    void lettersTheOpLeavesAccentedOrUppercaseGetTheIdsHuggingFaceGives() throws Exception {
        List<String> vocab = new java.util.ArrayList<>(VOCAB);
        vocab.addAll(List.of("α", "##θ", "##η", "##ν", "##ης", "е", "##л", "##к", "##а", "и", "##од"));
        Path graph = tokenizerGraph(TokenizerFixtures.tokenizerJson(vocab), UNCASED);
        long[] athens = tokenIds(graph, "Αθηνής");
        assertArrayEquals(idsIn(vocab, "[CLS]", "α", "##θ", "##η", "##ν", "##ης", "[SEP]"), athens,
                "Α and ή are single-letter aliases, ής a two-letter one");
        assertArrayEquals(idsIn(vocab, "[CLS]", "е", "##л", "##к", "##а", "[SEP]"), tokenIds(graph, "Ёлка"));
        assertArrayEquals(idsIn(vocab, "[CLS]", "и", "##од", "[SEP]"), tokenIds(graph, "йод"));
        assertTrue(Arrays.stream(athens).allMatch(id -> id < vocab.size()), "alias ids map back: " + Arrays.toString(athens));
    }

    @Test
    void flagsTurnedOffAreWrittenAsIntZero() throws Exception {
        ObjectNode tokenizer = TokenizerFixtures.tokenizerJson(VOCAB);
        ((ObjectNode) tokenizer.get("normalizer")).put("strip_accents", false).put("handle_chinese_chars", false);
        Map<String, AttributeProto> written = attributesByName(bertTokenizerNode(
                tokenizerGraph(tokenizer, new TokenizerOptions(false, 8))));
        for (String flag : List.of("do_lower_case", "strip_accents", "tokenize_chinese_chars")) {
            assertEquals(AttributeType.INT, written.get(flag).getType(), flag);
            assertEquals(0, written.get(flag).getI(), flag);
        }
    }

    @Test
    void attributesAreWrittenInNameOrderSoTheFileIsTheSameOnEveryRun() throws Exception {
        NodeProto node = bertTokenizerNode(tokenizerGraph(TokenizerFixtures.tokenizerJson(VOCAB), UNCASED));
        List<String> names = node.getAttributeList().stream().map(AttributeProto::getName).toList();
        assertEquals(names.stream().sorted().toList(), names);
    }

    /** The BertTokenizer node of the ONNX file, as read back from disk. */
    private static NodeProto bertTokenizerNode(Path file) {
        return OnnxModels.read(file).getGraph().getNodeList().stream()
                .filter(n -> n.getOpType().equals("BertTokenizer")).findFirst().orElseThrow();
    }

    private static Map<String, AttributeProto> attributesByName(NodeProto node) {
        Map<String, AttributeProto> byName = new LinkedHashMap<>();
        node.getAttributeList().forEach(a -> assertNull(byName.put(a.getName(), a), "written twice: " + a.getName()));
        return byName;
    }

    /** Writes {@code tokenizerJson} into the model folder and builds a string-in, ids-out graph from it. */
    private Path tokenizerGraph(ObjectNode tokenizerJson, TokenizerOptions options) throws Exception {
        TokenizerFixtures.writeJson(dir, "tokenizer.json", tokenizerJson);
        return TokenizerFixtures.write(TokenizerFixtures.idsGraph(folder(), options), dir.resolve("tokenizer.onnx"));
    }

    private static long[] idsIn(List<String> vocab, String... tokens) {
        return Arrays.stream(tokens).mapToLong(vocab::indexOf).toArray();
    }

    private static long[] tokenIds(Path graph, String text) {
        try (PipelineSession session = PipelineSession.open(graph, 1)) {
            return session.tokenIds(text);
        }
    }

    private ModelFolder folder() {
        return new ModelFolder("tiny-bert", dir);
    }
}
