package dev.modeldock.testkit.plugin;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.modeldock.graph.ProtoGraphBuilder;
import dev.modeldock.onnx.TensorTypes;
import dev.modeldock.plugin.GraphBuilder;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.TokenIds;
import dev.modeldock.plugin.Tokenizer;
import dev.modeldock.plugin.TokenizerOptions;
import dev.modeldock.runtime.PipelineSession;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A tokenizer plugin over a model folder as a graph of its own ("input" STRING [1] → one INT64
 * [1, tokens] output), run in ONNX Runtime with onnxruntime-extensions as the host runs it, beside
 * Hugging Face's tokenizer (through DJL, the host's reference) reading the folder's tokenizer.json with
 * the same maximum length: what a tokenizer plugin's tests compare, token by token.
 */
public record TokenizerGraphs(PipelineSession graph, HuggingFaceTokenizer reference) implements AutoCloseable {

    /** Which of the tokenizer's outputs a graph publishes. */
    public enum Output { INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS }

    /** {@code tokenizer}'s ids graph for {@code folder} and the reference, both truncating at the options' length. */
    public static TokenizerGraphs open(Tokenizer tokenizer, Path folder, TokenizerOptions options) throws IOException {
        Path file = write(tokenizer, folder, options, Output.INPUT_IDS, "tokenizer.onnx");
        return new TokenizerGraphs(PipelineSession.open(file, 1), HuggingFaceTokenizer.builder()
                .optTokenizerPath(folder.resolve("tokenizer.json")).optMaxLength(options.maxSequenceLength())
                .optTruncation(true).optPadding(false).optAddSpecialTokens(true).build());
    }

    /** Writes {@code tokenizer}'s graph for {@code folder}, publishing {@code output}, as {@code folder/name}. */
    public static Path write(Tokenizer tokenizer, Path folder, TokenizerOptions options, Output output, String name)
            throws IOException {
        ProtoGraphBuilder graph = new ProtoGraphBuilder("tokenizer", 17);
        graph.addInput(TensorTypes.tensor("input", DataType.STRING, 1));
        TokenIds ids = tokenizer.append(graph, "input", new ModelFolder("tiny-" + tokenizer.name(), folder), options);
        String published = switch (output) {
            case INPUT_IDS -> ids.inputIds();
            case ATTENTION_MASK -> ids.attentionMask();
            case TOKEN_TYPE_IDS -> ids.tokenTypeIds();
        };
        graph.publish(published, TensorTypes.tensor("ids", DataType.INT64, 1, "tokens"));
        return OnnxFixtures.write(OnnxFixtures.model(graph.build(), graph.opset(), GraphBuilder.CONTRIB_DOMAIN),
                folder.resolve(name));
    }

    /** The reference's ids for {@code text}, specials included. */
    public long[] referenceIds(String text) {
        return reference.encode(text).getIds();
    }

    /** The reference's pieces for {@code text}, specials included. */
    public String[] referencePieces(String text) {
        return reference.encode(text).getTokens();
    }

    @Override
    public void close() {
        graph.close();
        reference.close();
    }
}
