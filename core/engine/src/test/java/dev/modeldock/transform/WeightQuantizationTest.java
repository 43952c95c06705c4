package dev.modeldock.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnxruntime.OrtException;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import dev.modeldock.testkit.onnx.OnnxGraph;
import dev.modeldock.validation.ParityCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The int8 rewrite on a small generated model, run in the real ONNX Runtime. */
class WeightQuantizationTest {
    private static final int IN = 128;
    private static final int HIDDEN = 256;
    private static final int OUT = 64;

    @TempDir
    Path dir;

    @Test
    void quantizedModelComputesCloseToTheFloatModel() throws OrtException {
        ModelProto original = model(new Random(11L), Float.NaN, -1);
        ModelProto quantized = WeightQuantization.int8().apply(original);

        float[][] input = gaussian(new Random(12L), 5, IN);
        float[][] expected = run(original, input, "hidden");
        float[][] actual = run(quantized, input, "hidden");
        for (int row = 0; row < input.length; row++) {
            double cosine = ParityCheck.cosine(expected[row], actual[row]);
            assertTrue(cosine >= 0.999, "row " + row + " cosine " + cosine);
        }
        // The classifier head is below the size threshold and computes exactly as before.
        float[][] small = run(quantized, input, "small");
        assertEquals(3, small[0].length);
    }

    @Test
    void largeProductsBecomeIntegerProductsAndSmallOnesStayFloat() {
        ModelProto quantized = WeightQuantization.int8().apply(model(new Random(3L), Float.NaN, -1));
        Map<String, Long> ops = quantized.getGraph().getNodeList().stream()
                .collect(Collectors.groupingBy(NodeProto::getOpType, Collectors.counting()));
        assertEquals(2L, ops.get("MatMulInteger"));
        assertEquals(2L, ops.get("DynamicQuantizeLinear"));
        assertEquals(1L, ops.get("MatMul"), "the small head's MatMul");
        assertEquals(null, ops.get("Gemm"));
        List<String> floatMatrices = quantized.getGraph().getInitializerList().stream()
                .filter(t -> t.getDataType() == DataType.FLOAT_VALUE && t.getDimsCount() == 2)
                .map(TensorProto::getName).toList();
        assertEquals(List.of("fixture/head"), floatMatrices, "only the small head stays a float matrix");
        assertTrue(quantized.getGraph().getNodeList().stream().allMatch(n -> n.getDomain().isEmpty()));
        for (TensorProto weight : quantized.getGraph().getInitializerList()) {
            if (weight.getDataType() == DataType.INT8_VALUE) {
                assertEquals(64, largestLevel(weight), weight.getName() + ": levels that cannot saturate without VNNI");
            }
        }
    }

    @Test
    void onlySelectedWeightsAreQuantizedSoAPostProcessorsDenseLayerStaysFloat() {
        ModelProto quantized = WeightQuantization.int8().apply(model(new Random(3L), Float.NaN, -1),
                name -> !name.startsWith("fixture/w2"));
        List<String> floatMatrices = quantized.getGraph().getInitializerList().stream()
                .filter(t -> t.getDataType() == DataType.FLOAT_VALUE && t.getDimsCount() == 2)
                .map(TensorProto::getName).sorted().toList();
        assertEquals(List.of("fixture/head", "fixture/w2"), floatMatrices);
        assertEquals(1L, quantized.getGraph().getNodeList().stream()
                .filter(n -> n.getOpType().equals("MatMulInteger")).count(), "w1 alone");
    }

    private static int largestLevel(TensorProto levels) {
        int largest = 0;
        for (byte level : levels.getRawData().toByteArray()) {
            largest = Math.max(largest, Math.abs(level));
        }
        return largest;
    }

    @Test
    void embeddingLookupsReadInt8RowsWithinOneStepOfTheFloatRows() throws OrtException {
        int vocabulary = 500;
        int width = 64;
        float[] table = values(new Random(21L), vocabulary * width, 0.05);
        table[7 * width + 3] = 4f; // an outlier coarsens its own row only
        OnnxGraph graph = new OnnxGraph("lookup").input(OnnxGraph.tensor("ids", DataType.INT64, "batch", "sequence"));
        graph.output(graph.node("Gather", graph.constant("table", table, vocabulary, width), "ids"),
                OnnxGraph.tensor("rows", DataType.FLOAT, "batch", "sequence", width));
        ModelProto quantized = WeightQuantization.int8().apply(OnnxFixtures.model(graph.build()));
        assertTrue(quantized.getGraph().getInitializerList().stream().noneMatch(t -> t.getDimsCount() == 2
                && t.getDataType() == DataType.FLOAT_VALUE && t.getDims(1) == width), "the float table is gone");
        TensorProto levels = quantized.getGraph().getInitializerList().stream()
                .filter(t -> t.getDataType() == DataType.INT8_VALUE).findFirst().orElseThrow();
        assertEquals(127, largestLevel(levels), "a table is read by Gather, not an integer product: full range");

        long[][] ids = {{0, 7, 499, 7}, {1, 2, 3, 250}};
        Path file = OnnxFixtures.writeInto(quantized, dir);
        float[][][] rows = (float[][][]) OnnxFixtures.run(file, Map.of("ids", ids), "rows").get("rows");
        for (int b = 0; b < ids.length; b++) {
            for (int s = 0; s < ids[b].length; s++) {
                int id = (int) ids[b][s];
                double step = 0;
                for (int c = 0; c < width; c++) {
                    step = Math.max(step, Math.abs(table[id * width + c]) / 127);
                }
                for (int c = 0; c < width; c++) {
                    double error = Math.abs(rows[b][s][c] - table[id * width + c]);
                    assertTrue(error <= step * 1.0001, "id " + id + " column " + c + " off by " + error);
                }
            }
        }
    }

    @Test
    void aWeightReadAsItIsAndTransposedIsQuantizedOnceForEachReading() throws OrtException {
        OnnxGraph graph = new OnnxGraph("shared").input(OnnxGraph.tensor("x", DataType.FLOAT, "batch", IN));
        String w = graph.constant("w", values(new Random(8L), IN * IN, 0.1), IN, IN);
        graph.output(graph.node("MatMul", "x", w), OnnxGraph.tensor("plain", DataType.FLOAT, "batch", IN));
        graph.output(graph.node("Gemm", "x", w), OnnxGraph.tensor("transposed", DataType.FLOAT, "batch", IN));
        GraphProto.Builder built = graph.build().toBuilder();
        for (int i = 0; i < built.getNodeCount(); i++) {
            if (built.getNode(i).getOpType().equals("Gemm")) {
                built.setNode(i, built.getNode(i).toBuilder().addAttribute(AttributeProto.newBuilder()
                        .setName("transB").setType(AttributeProto.AttributeType.INT).setI(1)));
            }
        }
        ModelProto original = OnnxFixtures.model(built.build());
        ModelProto quantized = WeightQuantization.int8().apply(original);
        float[][] input = gaussian(new Random(9L), 3, IN);
        for (String output : List.of("plain", "transposed")) {
            float[][] expected = run(original, input, output);
            float[][] actual = run(quantized, input, output);
            for (int row = 0; row < input.length; row++) {
                double cosine = ParityCheck.cosine(expected[row], actual[row]);
                assertTrue(cosine >= 0.999, output + " row " + row + " cosine " + cosine);
            }
        }
    }

    @Test
    void nonFiniteWeightsAreRefusedNamingTheInitializer() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            ModelProto model = model(new Random(5L), bad, 1234);
            ModelDockException refused = assertThrows(ModelDockException.class,
                    () -> WeightQuantization.int8().apply(model));
            assertTrue(refused.getMessage().contains("'fixture/w1'") && refused.getMessage().contains("index 1234")
                    && refused.getMessage().contains(String.valueOf(bad)), refused.getMessage());
        }
    }

    @Test
    void aModelBelowOpset11IsRefused() {
        ModelProto old = model(new Random(5L), Float.NaN, -1).toBuilder().setOpsetImport(0,
                OperatorSetIdProto.newBuilder().setDomain("").setVersion(10)).build();
        ModelDockException refused = assertThrows(ModelDockException.class, () -> WeightQuantization.int8().apply(old));
        assertTrue(refused.getMessage().contains("opset 10"), refused.getMessage());
    }

    /**
     * x [batch, 128] → MatMul w1 [128, 256] → Relu → Gemm (w2 stored [64, 256], transB, alpha 0.5, bias)
     * → {@code hidden} [batch, 64] → MatMul head [64, 3] → {@code small}. {@code bad} goes into w1 at
     * {@code badIndex} when that is not negative.
     */
    private static ModelProto model(Random random, float bad, int badIndex) {
        OnnxGraph graph = new OnnxGraph("int8").input(OnnxGraph.tensor("x", DataType.FLOAT, "batch", IN));
        float[] w1 = values(random, IN * HIDDEN, 0.1);
        if (badIndex >= 0) {
            w1[badIndex] = bad;
        }
        String h = graph.node("Relu", graph.node("MatMul", "x", graph.constant("w1", w1, IN, HIDDEN)));
        String gemm = graph.node("Gemm", h, graph.constant("w2", values(random, OUT * HIDDEN, 0.1), OUT, HIDDEN),
                graph.constant("bias", values(random, OUT, 1), OUT));
        String head = graph.node("MatMul", gemm, graph.constant("head", values(random, OUT * 3, 0.3), OUT, 3));
        graph.output(gemm, OnnxGraph.tensor("hidden", DataType.FLOAT, "batch", OUT));
        graph.output(head, OnnxGraph.tensor("small", DataType.FLOAT, "batch", 3));
        GraphProto.Builder built = graph.build().toBuilder();
        for (int i = 0; i < built.getNodeCount(); i++) {
            if (built.getNode(i).getOpType().equals("Gemm")) {
                built.setNode(i, built.getNode(i).toBuilder()
                        .addAttribute(AttributeProto.newBuilder().setName("transB")
                                .setType(AttributeProto.AttributeType.INT).setI(1))
                        .addAttribute(AttributeProto.newBuilder().setName("alpha")
                                .setType(AttributeProto.AttributeType.FLOAT).setF(0.5f)));
            }
        }
        return OnnxFixtures.model(built.build());
    }

    private float[][] run(ModelProto model, float[][] input, String output) throws OrtException {
        Path file = OnnxFixtures.writeInto(model, dir);
        return (float[][]) OnnxFixtures.run(file, Map.of("x", input), output).get(output);
    }

    private static float[] values(Random random, int count, double spread) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (random.nextGaussian() * spread);
        }
        return values;
    }

    private static float[][] gaussian(Random random, int rows, int columns) {
        float[][] matrix = new float[rows][];
        for (int r = 0; r < rows; r++) {
            matrix[r] = values(random, columns, 1);
        }
        return matrix;
    }
}
