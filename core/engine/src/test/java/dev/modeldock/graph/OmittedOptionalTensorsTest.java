package dev.modeldock.graph;

import static dev.modeldock.testkit.onnx.OnnxFixtures.node;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.modeldock.onnx.TensorTypes;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX writes "" for an omitted optional input or output (e.g. Dropout's mask, Clip's min). The empty name
 * is not a tensor: it is neither defined twice nor a dependency.
 */
class OmittedOptionalTensorsTest {

    @Test
    void anEncoderWithSeveralOmittedOptionalOutputsCanBeMerged(@TempDir Path dir) throws Exception {
        GraphProto encoder = GraphProto.newBuilder().setName("encoder")
                .addInput(TensorTypes.tensor("a", DataType.FLOAT, 2))
                .addNode(node("Dropout", "drop1", List.of("a"), List.of("d1", "")))
                .addNode(node("Dropout", "drop2", List.of("d1"), List.of("d2", "")))
                .addOutput(TensorTypes.tensor("d2", DataType.FLOAT, 2)).build();
        ProtoGraphBuilder builder = new ProtoGraphBuilder("pipeline", 17);
        builder.addInput(TensorTypes.tensor("x", DataType.FLOAT, 2));
        UnaryOperator<String> rename = builder.merge(encoder, "enc/", Map.of("a", "x"));
        builder.publish(rename.apply("d2"), TensorTypes.tensor("out", DataType.FLOAT, 2));

        Path file = OnnxFixtures.write(builder.build(), dir, "dropouts.onnx");
        float[] x = {3f, -4f};
        assertArrayEquals(x, (float[]) OnnxFixtures.run(file, Map.of("x", x), "out").get("out"), 0f);
    }

    @Test
    void anOmittedInputDoesNotKeepANodeWithAnOmittedOutput(@TempDir Path dir) throws Exception {
        GraphProto encoder = ProtoGraphBuilderMergeTest.encoder().toBuilder()
                .addNode(node("Dropout", "drop", List.of("scaled"), List.of("dropped", "")))
                .addOutput(TensorTypes.tensor("dropped", DataType.FLOAT, "batch", 3)).build();
        ProtoGraphBuilder builder = new ProtoGraphBuilder("pipeline", 17);
        builder.addInput(TensorTypes.tensor("features", DataType.FLOAT, "batch", 3));
        UnaryOperator<String> rename = builder.merge(encoder, "encoder/", Map.of("a", "features"));
        String max = builder.constant("max", new float[] {5f});
        String clipped = builder.node("Clip", List.of(rename.apply("y"), "", max), Map.of()); // no min: ""
        builder.publish(clipped, TensorTypes.tensor("embedding", DataType.FLOAT, "batch", 2));
        builder.prune();

        GraphProto pruned = builder.build();
        assertEquals(List.of("encoder/W", "encoder/b", max),
                pruned.getInitializerList().stream().map(TensorProto::getName).toList());
        assertEquals(List.of("MatMul", "Add", "Clip", "Identity"),
                pruned.getNodeList().stream().map(NodeProto::getOpType).toList());
        // and it still runs: min(a W + b, 5)
        Path file = OnnxFixtures.write(pruned, dir, "clipped.onnx");
        float[][] out = (float[][]) OnnxFixtures.run(file, Map.of("features", new float[][] {{1f, 2f, 3f}}),
                "embedding").get("embedding");
        assertArrayEquals(new float[] {5f, -4f}, out[0], 1e-6f); // [8.25, -4] clipped at 5
    }

    @Test
    void aPipelineNodeMayOmitAnOptionalInput(@TempDir Path dir) throws Exception {
        ProtoGraphBuilder builder = new ProtoGraphBuilder("pipeline", 17);
        builder.addInput(TensorTypes.tensor("x", DataType.FLOAT, 3));
        String min = builder.constant("min", new float[] {-1f});
        String clipped = builder.node("Clip", List.of("x", min, ""), Map.of()); // no max
        builder.publish(clipped, TensorTypes.tensor("out", DataType.FLOAT, 3));
        builder.prune();

        Path file = OnnxFixtures.write(builder.build(), dir, "clip-min.onnx");
        float[] out = (float[]) OnnxFixtures.run(file, Map.of("x", new float[] {-7f, 0.5f, 9f}), "out").get("out");
        assertArrayEquals(new float[] {-1f, 0.5f, 9f}, out, 0f);
    }
}
