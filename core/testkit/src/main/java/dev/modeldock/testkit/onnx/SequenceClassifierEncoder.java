package dev.modeldock.testkit.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A synthetic sequence-classification model shaped like Hugging Face's ONNX export of a BERT one,
 * small enough for a test: opset 17, inputs {@code input_ids}, {@code attention_mask},
 * {@code token_type_ids} INT64 [batch, sequence], output {@code logits} FLOAT [batch, labels] computing
 * {@code mean over unmasked tokens of tanh(tokens[id] + types[type]) · W} from seeded random tables.
 * With one label it is a cross-encoder (cross-encoder/ms-marco-MiniLM-L-6-v2, say): the score depends
 * on every token of both texts and on which text each token belongs to. With token types, the BERT
 * cross-encoder also ranks like a lexical reranker: its score is the number of (first-text token,
 * second-text token) pairs with the same id, plus the random term scaled to a few hundredths, so a
 * passage sharing more of the query's words scores higher, and every pair still scores apart. With
 * several labels ({@link #classifier}) it is a text classifier (ProsusAI/finbert, say) whose values
 * mean nothing: a test may compare them with the reference, never expect them to classify text.
 *
 * <p>Without token types ({@link #withoutTokenTypes}) it is shaped like an XLM-RoBERTa cross-encoder
 * (BAAI/bge-reranker-base: inputs {@code input_ids} and {@code attention_mask}, one token type).
 */
public final class SequenceClassifierEncoder {
    /** Keeps the reranker's random term well below one shared token, so that shared words decide the order. */
    private static final float RANDOM_SCALE = 0.01f;

    private SequenceClassifierEncoder() {
    }

    /** A BERT cross-encoder, with {@code token_type_ids} and one label. */
    public static GraphProto graph(String name, long seed, int vocabulary, int hidden) {
        return graph(name, seed, vocabulary, hidden, true, 1);
    }

    /** An XLM-RoBERTa cross-encoder: {@code input_ids} and {@code attention_mask} only, one label. */
    public static GraphProto withoutTokenTypes(String name, long seed, int vocabulary, int hidden) {
        return graph(name, seed, vocabulary, hidden, false, 1);
    }

    /** A BERT text classifier: {@code logits} [batch, labels]. */
    public static GraphProto classifier(String name, long seed, int vocabulary, int hidden, int labels) {
        return graph(name, seed, vocabulary, hidden, true, labels);
    }

    private static GraphProto graph(String name, long seed, int vocabulary, int hidden, boolean tokenTypes,
            int labels) {
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
        boolean reranker = tokenTypes && labels == 1;
        float[] head = table(random, hidden * labels);
        if (reranker) {
            for (int i = 0; i < head.length; i++) {
                head[i] *= RANDOM_SCALE;
            }
        }
        String logits = graph.node("MatMul", mean, graph.constant("head", head, hidden, labels));
        if (reranker) {
            logits = graph.node("Add", logits, sharedTokens(graph, mask));
        }
        return graph.output(logits, OnnxGraph.tensor("logits", DataType.FLOAT, "batch", labels)).build();
    }

    /**
     * [batch, 1]: how many (first-text token, second-text token) pairs share an id, among real tokens;
     * [SEP] ends both texts, so every pair counts at least 1.
     */
    private static String sharedTokens(OnnxGraph graph, String mask) {
        String same = graph.node("Cast", List.of(graph.node("Equal",
                graph.node("Unsqueeze", "input_ids", graph.constant("token_axis_2", new long[] {2}, 1)),
                graph.node("Unsqueeze", "input_ids", graph.constant("token_axis_1", new long[] {1}, 1)))),
                Map.of("to", DataType.FLOAT_VALUE));
        String second = graph.node("Mul", mask, graph.node("Cast", List.of("token_type_ids"),
                Map.of("to", DataType.FLOAT_VALUE)));
        String first = graph.node("Sub", mask, second);
        String pairs = graph.node("Mul",
                graph.node("Unsqueeze", first, graph.constant("first_axis", new long[] {2}, 1)),
                graph.node("Unsqueeze", second, graph.constant("second_axis", new long[] {1}, 1)));
        String counted = graph.node("ReduceSum", List.of(graph.node("Mul", same, pairs),
                graph.constant("pair_axes", new long[] {1, 2}, 2)), Map.of("keepdims", 0));
        return graph.node("Unsqueeze", counted, graph.constant("score_axis", new long[] {1}, 1));
    }

    private static float[] table(Random random, int size) {
        float[] values = new float[size];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
