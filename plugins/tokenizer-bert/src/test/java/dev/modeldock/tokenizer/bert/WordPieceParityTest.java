package dev.modeldock.tokenizer.bert;

import static dev.modeldock.tokenizer.bert.TokenizerFixtures.VOCAB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.onnx.ProtoGraphBuilder;
import dev.modeldock.onnx.TensorTypes;
import dev.modeldock.plugin.GraphBuilder;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.TokenIds;
import dev.modeldock.plugin.TokenizerOptions;
import dev.modeldock.runtime.PipelineSession;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted graph against Hugging Face's own tokenizer (through DJL, the host's reference) reading
 * the same tokenizer.json: an expectation computed by different code than the op.
 */
class WordPieceParityTest {
    private static final int MAX_LENGTH = 7;
    private static final List<String> TEXTS = List.of(
            "Hello worlds",
            "HELLO, World!",
            "Café cafe CAFÉ",
            "h\u00e9llo w\u00f6rld",
            "hello\u00a0world\tthere\nhellos",
            "thereS are worlds",
            "hello\u4e16world",
            "xyzzy plugh",
            "hello world hello world hello world hello world",
            "",
            "   ");

    @TempDir
    Path dir;

    @Test
    void matchesTheHuggingFaceTokenizerWhenAccentsFollowLowercasing() throws Exception {
        assertParity(TokenizerFixtures.tokenizerJson(VOCAB));
    }

    @Test
    void matchesTheHuggingFaceTokenizerWhenAccentsAreKept() throws Exception {
        List<String> vocab = new java.util.ArrayList<>(VOCAB);
        vocab.add("caf\u00e9");
        ObjectNode tokenizer = TokenizerFixtures.tokenizerJson(vocab);
        ((ObjectNode) tokenizer.get("normalizer")).put("strip_accents", false);
        assertParity(tokenizer);
    }

    private void assertParity(ObjectNode tokenizerJson) throws Exception {
        Path tokenizerFile = TokenizerFixtures.writeJson(dir, "tokenizer.json", tokenizerJson);
        ProtoGraphBuilder graph = new ProtoGraphBuilder("tokenizer", 17);
        graph.addInput(TensorTypes.tensor("input", DataType.STRING, 1));
        TokenIds ids = new WordPieceTokenizer().append(graph, "input", new ModelFolder("tiny", dir),
                new TokenizerOptions(true, MAX_LENGTH));
        graph.publish(ids.inputIds(), TensorTypes.tensor("ids", DataType.INT64, 1, "tokens"));
        Path file = dir.resolve("tokenizer.onnx");
        OnnxModels.write(ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(GraphBuilder.CONTRIB_DOMAIN).setVersion(1))
                .setGraph(graph.build()).build(), file);
        try (PipelineSession pipeline = PipelineSession.open(file, 1);
                HuggingFaceTokenizer reference = HuggingFaceTokenizer.builder().optTokenizerPath(tokenizerFile)
                        .optMaxLength(MAX_LENGTH).optTruncation(true).optPadding(false).optAddSpecialTokens(true)
                        .build()) {
            for (String text : TEXTS) {
                assertArrayEquals(reference.encode(text).getIds(), pipeline.tokenIds(text), "text: " + text);
            }
        }
    }
}
