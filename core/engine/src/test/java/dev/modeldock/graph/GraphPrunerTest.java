package dev.modeldock.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.modeldock.onnx.TensorTypes;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pruning keeps what subgraphs read from the enclosing graph. */
class GraphPrunerTest {

    @Test
    void aTensorReadOnlyInsideAnIfBranchKeepsItsProducer(@TempDir Path dir) throws Exception {
        ProtoGraphBuilder builder = new ProtoGraphBuilder("pipeline", 17);
        builder.addInput(TensorTypes.tensor("x", DataType.FLOAT, 3));
        builder.addInput(TensorTypes.tensor("c", DataType.BOOL));
        UnaryOperator<String> rename = builder.merge(GraphRenamerTest.ifGraph(), "m/", Map.of("x", "x", "c", "c"));
        builder.publish(rename.apply("r"), TensorTypes.tensor("out", DataType.FLOAT, 3));
        builder.prune();

        GraphProto pruned = builder.build();
        assertEquals(List.of("Neg", "If", "Identity"), pruned.getNodeList().stream().map(NodeProto::getOpType).toList(),
                "Neg feeds only the then-branch and must survive");
        Path file = OnnxFixtures.write(pruned, dir, "pruned.onnx");
        float[] result = (float[]) OnnxFixtures.run(file, Map.of("x", new float[] {2f, 0.5f, -1f}, "c", true), "out")
                .get("out");
        assertArrayEquals(new float[] {-4f, -0.25f, -1f}, result, 0f);
    }
}
