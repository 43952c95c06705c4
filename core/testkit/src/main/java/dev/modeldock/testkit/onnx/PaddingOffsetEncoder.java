package dev.modeldock.testkit.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A synthetic encoder shaped like RoBERTa's and XLM-RoBERTa's ONNX exports, small enough for a test:
 * opset 17, inputs {@code input_ids} and {@code attention_mask} INT64 [batch, sequence], output
 * {@code last_hidden_state} FLOAT [batch, sequence, hidden] computing
 * {@code tanh(tokens[id] + positions[p]) · mask} from seeded random tables, with the family's position
 * ids {@code p = cumsum(mask) · mask + 1}: the padding offset lives inside the encoder, as it does in the
 * hub's exports, so a tokenizer gives no position ids.
 */
public final class PaddingOffsetEncoder {
    private PaddingOffsetEncoder() {
    }

    public static GraphProto graph(String name, long seed, int vocabulary, int positions, int hidden) {
        OnnxGraph graph = new OnnxGraph(name)
                .input(OnnxGraph.tensor("input_ids", DataType.INT64, "batch", "sequence"))
                .input(OnnxGraph.tensor("attention_mask", DataType.INT64, "batch", "sequence"));
        Random random = new Random(seed);
        String tokens = graph.node("Gather", graph.constant("token_table", table(random, vocabulary * hidden),
                vocabulary, hidden), "input_ids");
        String counted = graph.node("CumSum", "attention_mask", graph.constant("sequence_axis", new long[] {1}));
        String positionIds = graph.node("Add", graph.node("Mul", counted, "attention_mask"),
                graph.constant("padding_index", new long[] {1}));
        String positionVectors = graph.node("Gather", graph.constant("position_table",
                table(random, positions * hidden), positions, hidden), positionIds);
        String mask = graph.node("Unsqueeze", graph.node("Cast", List.of("attention_mask"),
                Map.of("to", DataType.FLOAT_VALUE)), graph.constant("last_axis", new long[] {-1}, 1));
        String state = graph.node("Tanh", graph.node("Add", tokens, positionVectors));
        return graph.output(graph.node("Mul", state, mask), OnnxGraph.tensor("last_hidden_state", DataType.FLOAT,
                "batch", "sequence", hidden)).build();
    }

    private static float[] table(Random random, int size) {
        float[] values = new float[size];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
