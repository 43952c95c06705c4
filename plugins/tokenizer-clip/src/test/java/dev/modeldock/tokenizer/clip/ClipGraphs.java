package dev.modeldock.tokenizer.clip;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.modeldock.graph.ProtoGraphBuilder;
import dev.modeldock.onnx.TensorTypes;
import dev.modeldock.plugin.GraphBuilder;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.TokenIds;
import dev.modeldock.plugin.TokenizerOptions;
import dev.modeldock.runtime.PipelineSession;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The CLIP tokenizer over a model folder as a graph of its own ("input" STRING [1] → one
 * INT64 [1, tokens] output), run in ONNX Runtime with onnxruntime-extensions, beside Hugging Face's
 * tokenizer (through DJL, the host's reference) reading the folder's tokenizer.json.
 */
record ClipGraphs(PipelineSession graph, HuggingFaceTokenizer reference) implements AutoCloseable {

    /** Which of the plugin's outputs the graph publishes. */
    enum Output { INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS }

    static ClipGraphs open(Path folder, int maxLength) throws IOException {
        Path file = write(folder, new TokenizerOptions(true, maxLength), Output.INPUT_IDS, "tokenizer.onnx");
        return new ClipGraphs(PipelineSession.open(file, 1), HuggingFaceTokenizer.builder()
                .optTokenizerPath(folder.resolve("tokenizer.json")).optMaxLength(maxLength).optTruncation(true)
                .optPadding(false).optAddSpecialTokens(true).build());
    }

    /** Writes {@code tokenizer}'s graph for {@code folder}, publishing {@code output}, as {@code folder/name}. */
    static Path write(Path folder, TokenizerOptions options, Output output, String name)
            throws IOException {
        ProtoGraphBuilder graph = new ProtoGraphBuilder("tokenizer", 17);
        graph.addInput(TensorTypes.tensor("input", DataType.STRING, 1));
        TokenIds ids = new ClipTokenizer().append(graph, "input", new ModelFolder("tiny-clip", folder), options);
        String published = switch (output) {
            case INPUT_IDS -> ids.inputIds();
            case ATTENTION_MASK -> ids.attentionMask();
            case TOKEN_TYPE_IDS -> ids.tokenTypeIds();
        };
        graph.publish(published, TensorTypes.tensor("ids", DataType.INT64, 1, "tokens"));
        return OnnxFixtures.write(OnnxFixtures.model(graph.build(), graph.opset(), GraphBuilder.CONTRIB_DOMAIN),
                folder.resolve(name));
    }

    long[] referenceIds(String text) {
        return reference.encode(text).getIds();
    }

    /** The reference's pieces for {@code text}, specials included. */
    String[] referencePieces(String text) {
        return reference.encode(text).getTokens();
    }

    @Override
    public void close() {
        graph.close();
        reference.close();
    }
}
