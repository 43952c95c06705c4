package dev.modeldock.testkit.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A synthetic text tower shaped like the ONNX export of CLIP's {@code CLIPTextModelWithProjection}
 * (Xenova/clip-vit-base-patch32's {@code onnx/text_model.onnx}), small enough for a test: opset 17, one
 * input {@code input_ids} INT64 [batch, sequence]; outputs {@code text_embeds} FLOAT [batch, projection]
 * and {@code last_hidden_state} FLOAT [batch, sequence, hidden]. The hidden state at position t is the
 * mean of {@code tanh(tokens[id] + positions[p])} over positions 0..t, causal as CLIP's attention is, so
 * padding after a text changes nothing before it; {@code text_embeds} is the hidden state at the
 * position of the largest id (the end-of-text token, as the real export finds it with ArgMax over the
 * ids cast to int32, the first when padding repeats it) times a projection matrix.
 */
public final class ClipTextEncoder {
    public static final String TEXT_EMBEDS = "text_embeds";

    private ClipTextEncoder() {
    }

    /** The full export: both outputs. */
    public static GraphProto graph(String name, long seed, int vocabulary, int positions, int hidden, int projection) {
        return graph(name, seed, vocabulary, positions, hidden, projection, true);
    }

    /** A text tower exported without its projection: {@code last_hidden_state} only. */
    public static GraphProto withoutTextEmbeds(String name, long seed, int vocabulary, int positions, int hidden) {
        return graph(name, seed, vocabulary, positions, hidden, hidden, false);
    }

    private static GraphProto graph(String name, long seed, int vocabulary, int positions, int hidden,
            int projection, boolean textEmbeds) {
        OnnxGraph graph = new OnnxGraph(name).input(OnnxGraph.tensor("input_ids", DataType.INT64, "batch", "sequence"));
        Random random = new Random(seed);
        String tokens = graph.node("Gather", graph.constant("token_table", table(random, vocabulary * hidden),
                vocabulary, hidden), "input_ids");
        String length = graph.node("Gather", List.of(graph.node("Shape", "input_ids"),
                graph.constant("sequence_dim", new long[] {1})), Map.of("axis", 0L));
        String positionIds = graph.node("Range", graph.constant("zero", new long[] {0}), length,
                graph.constant("step", new long[] {1}));
        String positionVectors = graph.node("Gather", graph.constant("position_table",
                table(random, positions * hidden), positions, hidden), positionIds);
        String state = graph.node("Tanh", graph.node("Add", tokens, positionVectors));
        String counts = graph.node("Cast", List.of(graph.node("Add", positionIds, graph.constant("one",
                new long[] {1}))), Map.of("to", DataType.FLOAT_VALUE));
        String causalMean = graph.node("Div", graph.node("CumSum", state, graph.constant("sequence_axis",
                new long[] {1})), graph.node("Unsqueeze", counts, graph.constant("last_axis", new long[] {-1}, 1)));
        graph.output(causalMean, OnnxGraph.tensor("last_hidden_state", DataType.FLOAT, "batch", "sequence", hidden));
        if (textEmbeds) {
            // As Hugging Face's CLIP code does it: ids cast to int32 first, for ArgMax has no int64 kernel in
            // older runtimes (ONNX Runtime 1.15.1, Oracle 23ai's, among them).
            String eos = graph.node("ArgMax", List.of(graph.node("Cast", List.of("input_ids"),
                    Map.of("to", DataType.INT32_VALUE))), Map.of("axis", 1L, "keepdims", 1L));
            String atEos = graph.node("Cast", List.of(graph.node("Equal", graph.node("Unsqueeze", positionIds,
                    graph.constant("batch_axis", new long[] {0}, 1)), eos)), Map.of("to", DataType.FLOAT_VALUE));
            String pooled = graph.node("MatMul", graph.node("Unsqueeze", atEos, graph.constant("row_axis",
                    new long[] {1}, 1)), causalMean);
            String flat = graph.node("Squeeze", pooled, graph.constant("row_axis", new long[] {1}, 1));
            graph.output(graph.node("MatMul", flat, graph.constant("text_projection",
                    table(random, hidden * projection), hidden, projection)),
                    OnnxGraph.tensor(TEXT_EMBEDS, DataType.FLOAT, "batch", projection));
        }
        return graph.build();
    }

    private static float[] table(Random random, int size) {
        float[] values = new float[size];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
