package dev.modeldock.graph;

import static dev.modeldock.testkit.onnx.OnnxFixtures.floats;
import static dev.modeldock.testkit.onnx.OnnxFixtures.node;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.modeldock.onnx.TensorTypes;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merging an encoder graph into a pipeline, pruning what the outputs do not need, and running the result. */
class ProtoGraphBuilderMergeTest {

    private static final float[] W = {1f, 2f, -1f, 0.5f, 3f, -2f}; // 3 x 2, row-major
    private static final float[] B = {0.25f, -1f};
    private static final float K = 10f;

    /** y = MatMul(a, W) + b, and an output nobody uses: z = Neg(a * k). */
    static GraphProto encoder() {
        return GraphProto.newBuilder().setName("encoder")
                .addInput(TensorTypes.tensor("a", DataType.FLOAT, "batch", 3))
                .addInitializer(floats("W", W, 3, 2))
                .addInitializer(floats("b", B, 2))
                .addInitializer(floats("k", new float[] {K}, 1))
                .addNode(node("MatMul", "matmul", List.of("a", "W"), List.of("mm")))
                .addNode(node("Add", "add", List.of("mm", "b"), List.of("y")))
                .addNode(node("Mul", "mul", List.of("a", "k"), List.of("scaled")))
                .addNode(node("Neg", "neg", List.of("scaled"), List.of("z")))
                .addValueInfo(TensorTypes.tensor("mm", DataType.FLOAT, "batch", 2))
                .addValueInfo(TensorTypes.tensor("scaled", DataType.FLOAT, "batch", 3))
                .addOutput(TensorTypes.tensor("y", DataType.FLOAT, "batch", 2))
                .addOutput(TensorTypes.tensor("z", DataType.FLOAT, "batch", 3))
                .build();
    }

    private static ProtoGraphBuilder pipelineWithFeaturesInput() {
        ProtoGraphBuilder builder = new ProtoGraphBuilder("pipeline", 17);
        builder.addInput(TensorTypes.tensor("features", DataType.FLOAT, "batch", 3));
        return builder;
    }

    @Test
    void mergePrefixesEveryNameOfTheMergedGraphAndWiresBoundInputs() {
        ProtoGraphBuilder builder = pipelineWithFeaturesInput();
        UnaryOperator<String> rename = builder.merge(encoder(), "encoder/", Map.of("a", "features"));

        GraphProto graph = builder.build();
        assertEquals("encoder/y", rename.apply("y"));
        assertEquals("features", rename.apply("a"));
        assertEquals(List.of("encoder/W", "encoder/b", "encoder/k"),
                graph.getInitializerList().stream().map(TensorProto::getName).toList());
        assertEquals(List.of("encoder/mm", "encoder/scaled"),
                graph.getValueInfoList().stream().map(v -> v.getName()).toList());
        assertEquals(4, graph.getNodeCount());
        for (NodeProto node : graph.getNodeList()) {
            assertTrue(node.getName().startsWith("encoder/"), node.getName());
            node.getOutputList().forEach(out -> assertTrue(out.startsWith("encoder/"), out));
            node.getInputList().forEach(in -> assertTrue(in.equals("features") || in.startsWith("encoder/"), in));
            assertFalse(node.getInputList().contains("a"), "the bound input was not rewired: " + node);
        }
        NodeProto matmul = graph.getNode(0);
        assertEquals(List.of("features", "encoder/W"), matmul.getInputList());
        assertEquals(List.of("features"), graph.getInputList().stream().map(v -> v.getName()).toList(),
                "the encoder's own inputs must not become pipeline inputs");
    }

    @Test
    void mergeRefusesAnEncoderInputThatIsNeitherBoundNorAConstant() {
        GraphProto twoInputs = encoder().toBuilder()
                .addInput(TensorTypes.tensor("token_type_ids", DataType.INT64, "batch", "seq")).build();
        ProtoGraphBuilder builder = pipelineWithFeaturesInput();
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> builder.merge(twoInputs, "encoder/", Map.of("a", "features")));
        assertTrue(e.getMessage().contains("'token_type_ids'"), e.getMessage());
        assertEquals(0, builder.build().getNodeCount(), "nothing may be merged after a refusal");
    }

    @Test
    void anEncoderInputBackedByAnInitializerNeedsNoBinding() {
        GraphProto weightAsInput = encoder().toBuilder()
                .addInput(TensorTypes.tensor("W", DataType.FLOAT, 3, 2)).build();
        ProtoGraphBuilder builder = pipelineWithFeaturesInput();
        UnaryOperator<String> rename = builder.merge(weightAsInput, "enc/", Map.of("a", "features"));
        assertEquals("enc/W", rename.apply("W"));
        assertTrue(builder.build().getInitializerList().stream().anyMatch(t -> t.getName().equals("enc/W")));
    }

    @Test
    void mergingTheSameGraphTwiceUnderOnePrefixIsRefused() {
        ProtoGraphBuilder builder = pipelineWithFeaturesInput();
        builder.merge(encoder(), "encoder/", Map.of("a", "features"));
        assertThrows(ModelDockException.class, () -> builder.merge(encoder(), "encoder/", Map.of("a", "features")));
    }

    @Test
    void pruneRemovesTheUnusedOutputBranchWithItsInitializers() {
        ProtoGraphBuilder builder = pipelineWithFeaturesInput();
        UnaryOperator<String> rename = builder.merge(encoder(), "encoder/", Map.of("a", "features"));
        builder.publish(rename.apply("y"), TensorTypes.tensor("embedding", DataType.FLOAT, "batch", 2));
        String unused = builder.constant("unused", new float[] {1f, 2f}, 2);
        assertEquals(4, builder.build().getInitializerCount());
        assertEquals(5, builder.build().getNodeCount());

        builder.prune();

        GraphProto pruned = builder.build();
        assertEquals(List.of("encoder/W", "encoder/b"),
                pruned.getInitializerList().stream().map(TensorProto::getName).toList());
        assertFalse(pruned.getInitializerList().stream().anyMatch(t -> t.getName().equals(unused)));
        assertEquals(List.of("MatMul", "Add", "Identity"),
                pruned.getNodeList().stream().map(NodeProto::getOpType).toList());
        assertEquals(List.of("encoder/mm"), pruned.getValueInfoList().stream().map(v -> v.getName()).toList());
        assertEquals(List.of("embedding"), pruned.getOutputList().stream().map(v -> v.getName()).toList());
    }

    @Test
    void aMergedAndPrunedPipelineComputesTheEncoderThenThePipelineNodes(@TempDir Path dir) throws Exception {
        ProtoGraphBuilder builder = pipelineWithFeaturesInput();
        UnaryOperator<String> rename = builder.merge(encoder(), "encoder/", Map.of("a", "features"));
        String two = builder.constant("two", new float[] {2f}, 1);
        String doubled = builder.node("Mul", rename.apply("y"), two);
        builder.publish(doubled, TensorTypes.tensor("embedding", DataType.FLOAT, "batch", 2));
        builder.prune();
        Path file = OnnxFixtures.write(builder.build(), dir, "pipeline.onnx");

        float[][] a = {{1f, 2f, 3f}, {-0.5f, 0f, 4f}};
        float[][] actual = (float[][]) OnnxFixtures.run(file, Map.of("features", a), "embedding").get("embedding");

        assertEquals(2, actual.length);
        for (int row = 0; row < a.length; row++) {
            assertArrayEquals(expectedEmbedding(a[row]), actual[row], 1e-5f, "row " + row);
        }
    }

    /** 2 * (a W + b), by hand. */
    private static float[] expectedEmbedding(float[] a) {
        float[] out = new float[2];
        for (int col = 0; col < 2; col++) {
            float sum = B[col];
            for (int i = 0; i < 3; i++) {
                sum += a[i] * W[i * 2 + col];
            }
            out[col] = 2f * sum;
        }
        return out;
    }

    @Test
    void expectedEmbeddingHelperMatchesAHandWorkedRow() {
        // [1,2,3] x [[1,2],[-1,0.5],[3,-2]] = [1-2+9, 2+1-6] = [8, -3]; + b = [8.25, -4]; * 2 = [16.5, -8]
        assertArrayEquals(new float[] {16.5f, -8f}, expectedEmbedding(new float[] {1f, 2f, 3f}), 0f);
    }
}
