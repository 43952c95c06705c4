package dev.modeldock.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.google.protobuf.ByteString;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import dev.modeldock.testkit.onnx.OnnxGraph;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small dense layer, {@code y = x · W + b}, run in ONNX Runtime before and after its weights become float16. */
class Float16WeightsTest {
    private static final int IN = 64;
    private static final int OUT = 32;
    private static final int ROWS = 5;

    @TempDir
    Path folder;

    private final Random random = new Random(42);
    private final float[] weights = randoms(IN * OUT, 2f);
    private final float[] bias = randoms(OUT, 1f);
    private final float[][] x = new float[ROWS][];

    Float16WeightsTest() {
        for (int row = 0; row < ROWS; row++) {
            x[row] = randoms(IN, 3f);
        }
    }

    @Test
    void theLayerComputesWithTheRoundedWeightsInFloat32() throws OrtException {
        ModelProto rewritten = Float16Weights.apply(dense(weights), name -> true);

        float[][] y = run(rewritten);
        for (int row = 0; row < ROWS; row++) {
            for (int j = 0; j < OUT; j++) {
                double exact = bias[j];
                double rounded = bias[j];
                double bound = 0; // what rounding the weights to float16 may move the output by
                for (int i = 0; i < IN; i++) {
                    float weight = weights[i * OUT + j];
                    exact += (double) x[row][i] * weight;
                    rounded += (double) x[row][i] * Float16.toFloat(Float16.fromFloat(weight));
                    bound += Math.abs(x[row][i] * weight) * 0x1p-11;
                }
                assertEquals(rounded, y[row][j], 1e-4, "the float16 weights, computed in float32");
                assertEquals(exact, y[row][j], bound + 1e-4, "within the float16 rounding of the float32 result");
            }
        }
    }

    @Test
    void largeWeightsAreStoredAsFloat16AndEverythingElseKeepsItsType() throws OrtException {
        ModelProto original = dense(weights);
        ModelProto rewritten = Float16Weights.apply(original, name -> true);

        Map<String, Integer> types = new TreeMap<>();
        rewritten.getGraph().getInitializerList().forEach(t -> types.put(t.getName(), t.getDataType()));
        assertEquals(Map.of("fixture/w/float16", DataType.FLOAT16_VALUE, "fixture/b", DataType.FLOAT_VALUE), types,
                "the bias has fewer than " + Float16Weights.MIN_ELEMENTS + " values and stays float32");
        assertEquals(original.getGraph().getInputList(), rewritten.getGraph().getInputList());
        assertEquals(original.getGraph().getOutputList(), rewritten.getGraph().getOutputList());
        assertTrue(rewritten.getSerializedSize() < original.getSerializedSize() * 0.6,
                rewritten.getSerializedSize() + " bytes against " + original.getSerializedSize());
        try (OrtSession session = OnnxFixtures.open(OnnxFixtures.writeInto(rewritten, folder))) {
            TensorInfo output = (TensorInfo) session.getOutputInfo().get("y").getInfo();
            assertEquals(OnnxJavaType.FLOAT, output.type);
        }
    }

    @Test
    void weightsTheSelectionLeavesOutStayFloat32() throws OrtException {
        ModelProto original = dense(weights);
        ModelProto rewritten = Float16Weights.apply(original, name -> !name.equals("fixture/w"));

        assertEquals(original, rewritten);
        assertNotEquals(run(original)[0][0], run(Float16Weights.apply(original, name -> true))[0][0]);
    }

    @Test
    void theStoredWeightTakesAFreeNameWhenItsNaturalOneIsTaken() throws OrtException {
        ModelProto original = dense(weights);
        // A graph output named as the stored weight would be: the weight must not take that name.
        ModelProto taken = original.toBuilder().setGraph(original.getGraph().toBuilder()
                .addNode(OnnxFixtures.node("Identity", "copy", List.of("y"), List.of("fixture/w/float16")))
                .addOutput(OnnxGraph.tensor("fixture/w/float16", DataType.FLOAT, "batch", OUT))).build();

        ModelProto rewritten = Float16Weights.apply(taken, name -> true);

        assertEquals("fixture/w/float16_1", rewritten.getGraph().getInitializer(0).getName());
        float[][] copy = (float[][]) OnnxFixtures.run(OnnxFixtures.writeInto(rewritten, folder), Map.of("x", x),
                "fixture/w/float16").get("fixture/w/float16");
        assertArrayEquals(run(Float16Weights.apply(original, name -> true)), copy);
    }

    @Test
    void aWeightThatIsAlsoAGraphInputKeepsItsType() {
        ModelProto original = dense(weights);
        ModelProto overridable = original.toBuilder().setGraph(original.getGraph().toBuilder()
                .addInput(OnnxGraph.tensor("fixture/w", DataType.FLOAT, IN, OUT))).build();

        assertEquals(overridable, Float16Weights.apply(overridable, name -> true));
    }

    @Test
    void aWeightBeyondFloat16sRangeIsRefusedByName() {
        float[] tooLarge = weights.clone();
        tooLarge[77] = 70000f;
        ModelDockException refused = assertThrows(ModelDockException.class,
                () -> Float16Weights.apply(dense(tooLarge), name -> true));
        assertTrue(refused.getMessage().startsWith("weight 'fixture/w' holds 70000.0 at index 77, which float16"
                + " cannot store"), refused.getMessage());
    }

    @Test
    void nanAndInfiniteWeightsAreRefusedByName() {
        for (float value : new float[] {Float.NaN, Float.NEGATIVE_INFINITY}) {
            float[] poisoned = weights.clone();
            poisoned[3] = value;
            ModelDockException refused = assertThrows(ModelDockException.class,
                    () -> Float16Weights.apply(dense(poisoned), name -> true));
            assertTrue(refused.getMessage().startsWith("weight 'fixture/w' holds " + value + " at index 3"),
                    refused.getMessage());
        }
    }

    @Test
    void weightsInRawDataConvertLikeWeightsInFloatData() throws OrtException {
        ModelProto floatData = dense(weights);
        ModelProto rawData = floatData.toBuilder().setGraph(floatData.getGraph().toBuilder().clearInitializer()
                .addAllInitializer(floatData.getGraph().getInitializerList().stream().map(Float16WeightsTest::raw)
                        .toList())).build();

        assertEquals(Float16Weights.apply(floatData, name -> true).getGraph().getInitializer(0),
                Float16Weights.apply(rawData, name -> true).getGraph().getInitializer(0));
    }

    private ModelProto dense(float[] w) {
        OnnxGraph graph = new OnnxGraph("dense").input(OnnxGraph.tensor("x", DataType.FLOAT, "batch", IN));
        String product = graph.node("MatMul", "x", graph.constant("w", w, IN, OUT));
        String sum = graph.node("Add", product, graph.constant("b", bias, OUT));
        graph.output(sum, OnnxGraph.tensor("y", DataType.FLOAT, "batch", OUT));
        return OnnxFixtures.model(graph.build());
    }

    private float[][] run(ModelProto model) throws OrtException {
        return (float[][]) OnnxFixtures.run(OnnxFixtures.writeInto(model, folder), Map.of("x", x), "y").get("y");
    }

    private static TensorProto raw(TensorProto floats) {
        ByteBuffer bytes = ByteBuffer.allocate(floats.getFloatDataCount() * 4)
                .order(ByteOrder.LITTLE_ENDIAN);
        floats.getFloatDataList().forEach(bytes::putFloat);
        return floats.toBuilder().clearFloatData().setRawData(ByteString.copyFrom(bytes.array()))
                .build();
    }

    private float[] randoms(int count, float scale) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (random.nextFloat() * 2 - 1) * scale;
        }
        return values;
    }
}
