package dev.modeldock.testkit.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A synthetic cross-encoder shaped like Hugging Face's ONNX export of a BERT sequence-classification
 * model with one label (cross-encoder/ms-marco-MiniLM-L-6-v2, say), small enough for a test: opset
 * 17, inputs {@code input_ids}, {@code attention_mask}, {@code token_type_ids} INT64 [batch, sequence],
 * output {@code logits} FLOAT [batch, 1] computing {@code mean over unmasked tokens of
 * tanh(tokens[id] + types[type]) · w} from seeded random tables. The score depends on every token of
 * both texts and on which text each token belongs to; it means nothing, so a test may compare it with
 * the reference, never expect it to rank passages.
 *
 * <p>Without token types ({@link #withoutTokenTypes}) it is shaped like an XLM-RoBERTa cross-encoder
 * (BAAI/bge-reranker-base: inputs {@code input_ids} and {@code attention_mask}, one token type).
 */
public final class PairScoringEncoder {
    private PairScoringEncoder() {
    }

    /** The BERT shape, with {@code token_type_ids}. */
    public static GraphProto graph(String name, long seed, int vocabulary, int hidden) {
        return graph(name, seed, vocabulary, hidden, true);
    }

    /** The XLM-RoBERTa shape: {@code input_ids} and {@code attention_mask} only. */
    public static GraphProto withoutTokenTypes(String name, long seed, int vocabulary, int hidden) {
        return graph(name, seed, vocabulary, hidden, false);
    }

    private static GraphProto graph(String name, long seed, int vocabulary, int hidden, boolean tokenTypes) {
        OnnxGraph graph = new OnnxGraph(name)
                .input(OnnxGraph.tensor("input_ids", DataType.INT64, "batch", "sequence"))
                .input(OnnxGraph.tensor("attention_mask", DataType.INT64, "batch", "sequence"));
        Random random = new Random(seed);
        String tokens = graph.node("Gather", graph.constant("token_table", table(random, vocabulary * hidden),
                vocabulary, hidden), "input_ids");
        if (tokenTypes) {
            graph.input(OnnxGraph.tensor("token_type_ids", DataType.INT64, "batch", "sequence"));
            tokens = graph.node("Add", tokens, graph.node("Gather", graph.constant("type_table",
                    table(random, 2 * hidden), 2, hidden), "token_type_ids"));
        }
        String state = graph.node("Tanh", tokens);
        String mask = graph.node("Cast", List.of("attention_mask"), Map.of("to", DataType.FLOAT_VALUE));
        String masked = graph.node("Mul", state, graph.node("Unsqueeze", mask,
                graph.constant("last_axis", new long[] {-1}, 1)));
        String sequenceAxis = graph.constant("sequence_axis", new long[] {1}, 1);
        String summed = graph.node("ReduceSum", List.of(masked, sequenceAxis), Map.of("keepdims", 0));
        String counted = graph.node("ReduceSum", List.of(mask, sequenceAxis), Map.of("keepdims", 1));
        String mean = graph.node("Div", summed, counted);
        String logits = graph.node("MatMul", mean, graph.constant("head", table(random, hidden), hidden, 1));
        return graph.output(logits, OnnxGraph.tensor("logits", DataType.FLOAT, "batch", 1)).build();
    }

    private static float[] table(Random random, int size) {
        float[] values = new float[size];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
