package dev.modeldock.postprocessing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.Activation;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.Parameters;
import dev.modeldock.testkit.DenseModule;
import dev.modeldock.testkit.SafeTensorsWriter;
import dev.modeldock.testkit.plugin.PostProcessorContract;
import dev.modeldock.testkit.plugin.PostProcessorNodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DenseTest {
    /** linear.weight [out=3][in=4]. */
    private static final float[][] WEIGHT = {
        {0.1f, -0.2f, 0.3f, 0.05f},
        {-0.4f, 0.25f, 0.0f, 0.6f},
        {0.7f, 0.1f, -0.35f, -0.15f},
    };
    private static final float[] BIAS = {0.05f, -0.1f, 0.2f};
    private static final float[] X = {1.0f, -2.0f, 0.5f, 3.0f};

    @TempDir
    Path dir;

    @Test
    void graphComputesTanhOfWeightTimesInputPlusBias() throws Exception {
        DenseModule.of(WEIGHT, BIAS).writeInto(dir);
        PostProcessorNodes.Output out = runDense(parameters(4, 3));
        assertArrayEquals(new long[] {1, 3}, out.shape());
        assertClose(expected(WEIGHT, BIAS, X), out.values());
    }

    @Test
    void evaluateComputesTanhOfWeightTimesInputPlusBias() throws Exception {
        DenseModule.of(WEIGHT, BIAS).writeInto(dir);
        float[][] out = new Dense().evaluate(new float[][] {X}, parameters(4, 3), folder());
        assertEquals(1, out.length);
        assertClose(expected(WEIGHT, BIAS, X), out[0]);
    }

    @Test
    void evaluateAgreesWithTheGraph() throws Exception {
        DenseModule.of(WEIGHT, BIAS).writeInto(dir);
        PostProcessorContract.assertNodesAgreeWithEvaluate(new Dense(), parameters(4, 3), folder(),
                new Activation("x", 4, false));
    }

    @Test
    void layerWithoutBiasComputesTanhOfWeightTimesInput() throws Exception {
        DenseModule.of(WEIGHT, null).writeInto(dir);
        Map<String, Object> values = new HashMap<>(parameters(4, 3).asMap());
        values.put("bias", false);
        Parameters noBias = new Parameters(values);
        double[] expected = expected(WEIGHT, new float[3], X);
        assertClose(expected, runDense(noBias).values());
        assertClose(expected, new Dense().evaluate(new float[][] {X}, noBias, folder())[0]);
    }

    @Test
    void rejectsBiasFalseWhenTheModuleHasABias() throws Exception {
        DenseModule.of(WEIGHT, BIAS).writeInto(dir);
        Map<String, Object> values = new HashMap<>(parameters(4, 3).asMap());
        values.put("bias", false);
        ModelDockException e = assertThrows(ModelDockException.class, () -> new Dense()
                .check(new Activation("x", 4, false), new Parameters(values), folder()));
        assertTrue(e.getMessage().contains("linear.bias"), e.getMessage());
    }

    @Test
    void checkReportsOutFeaturesAsTheNewWidth() throws Exception {
        DenseModule.of(WEIGHT, BIAS).writeInto(dir);
        Activation out = new Dense().check(new Activation("x", 4, false), parameters(4, 3), folder());
        assertEquals(3, out.width());
        assertFalse(out.perToken());
    }

    @Test
    void checkRejectsInFeaturesThatDifferFromTheIncomingWidth() throws Exception {
        DenseModule.of(WEIGHT, BIAS).writeInto(dir);
        ModelDockException e = assertThrows(ModelDockException.class, () -> new Dense()
                .check(new Activation("x", 768, false), parameters(4, 3), folder()));
        assertTrue(Pattern.compile("\\b4\\b").matcher(e.getMessage()).find(), e.getMessage());
        assertTrue(Pattern.compile("\\b768\\b").matcher(e.getMessage()).find(), e.getMessage());
    }

    @Test
    void checkRejectsTokenEmbeddings() throws Exception {
        DenseModule.of(WEIGHT, BIAS).writeInto(dir);
        ModelDockException e = assertThrows(ModelDockException.class, () -> new Dense()
                .check(new Activation("x", 4, true), parameters(4, 3), folder()));
        assertTrue(e.getMessage().contains("Pooling"), e.getMessage());
    }

    @Test
    void missingSafetensorsNextToPytorchWeightsAsksForSafetensors() throws Exception {
        DenseModule.writeLayout(dir, 4, 3, true);
        Files.write(dir.resolve("2_Dense/pytorch_model.bin"), new byte[] {1, 2, 3});
        ModelDockException e = assertThrows(ModelDockException.class, () -> new Dense()
                .check(new Activation("x", 4, false), parameters(4, 3), folder()));
        assertTrue(e.getMessage().contains("safetensors"), e.getMessage());
        assertTrue(e.getMessage().contains("pytorch_model.bin"), e.getMessage());
    }

    @Test
    void rejectsUnsupportedActivationFunction() throws Exception {
        DenseModule.of(WEIGHT, BIAS).writeInto(dir);
        Map<String, Object> values = new HashMap<>(parameters(4, 3).asMap());
        values.put("activation_function", "torch.nn.modules.activation.ReLU");
        ModelDockException e = assertThrows(ModelDockException.class, () -> new Dense()
                .check(new Activation("x", 4, false), new Parameters(values), folder()));
        assertTrue(e.getMessage().contains("torch.nn.modules.activation.ReLU"), e.getMessage());
        assertTrue(e.getMessage().contains("Tanh"), e.getMessage());
    }

    @Test
    void refusesAModuleTrainedWithAnotherActivationThanTanh() throws Exception {
        DenseModule.of(WEIGHT, BIAS).writeInto(dir);
        Files.writeString(dir.resolve("2_Dense/config.json"), "{\"in_features\":4,\"out_features\":3,\"bias\":true,"
                + "\"activation_function\":\"torch.nn.modules.linear.Identity\"}");
        ModelDockException e = assertThrows(ModelDockException.class, () -> new Dense()
                .check(new Activation("x", 4, false), parameters(4, 3), folder()));
        assertTrue(e.getMessage().contains("uses torch.nn.modules.linear.Identity; only Tanh is supported"),
                e.getMessage());
    }

    @Test
    void picksTheDenseModuleWhoseConfigHasTheRequestedFeatures() throws Exception {
        DenseModule.of(WEIGHT, BIAS).writeInto(dir);
        float[][] second = {{0.5f, -0.5f, 0.25f}, {1.0f, 0.0f, -1.0f}};
        float[] secondBias = {0.0f, 0.1f};
        Path other = Files.createDirectories(dir.resolve("3_Dense"));
        new SafeTensorsWriter().f32("linear.weight", new float[] {0.5f, -0.5f, 0.25f, 1.0f, 0.0f, -1.0f}, 2, 3)
                .f32("linear.bias", secondBias, 2).write(other.resolve("model.safetensors"));
        Files.writeString(other.resolve("config.json"), "{\"in_features\":3,\"out_features\":2}");
        Files.writeString(dir.resolve("modules.json"), DenseModule.MODULES_JSON.replace("]", ",{\"idx\":3,"
                + "\"name\":\"3\",\"path\":\"3_Dense\",\"type\":\"sentence_transformers.models.Dense\"}]"));
        float[] x = {0.2f, -0.4f, 0.8f};
        float[][] out = new Dense().evaluate(new float[][] {x}, parameters(3, 2), folder());
        assertClose(expected(second, secondBias, x), out[0]);
    }

    @Test
    void rejectsFeaturesNoDenseModuleHas() throws Exception {
        DenseModule.of(WEIGHT, BIAS).writeInto(dir);
        ModelDockException e = assertThrows(ModelDockException.class, () -> new Dense()
                .check(new Activation("x", 5, false), parameters(5, 3), folder()));
        assertTrue(e.getMessage().contains("in_features 5"), e.getMessage());
    }

    @Test
    void rejectsADenseModulePathOutsideTheModelFolder() throws Exception {
        DenseModule.of(WEIGHT, BIAS).writeInto(dir);
        Files.writeString(dir.resolve("modules.json"), DenseModule.MODULES_JSON.replace("\"2_Dense\"", "\"../2_Dense\""));
        ModelDockException e = assertThrows(ModelDockException.class, () -> new Dense()
                .check(new Activation("x", 4, false), parameters(4, 3), folder()));
        assertTrue(e.getMessage().contains("outside the model folder"), e.getMessage());
    }

    private PostProcessorNodes.Output runDense(Parameters parameters) {
        PostProcessorNodes.Output out = PostProcessorNodes.of(new Dense(), parameters, folder()).onSentence(X);
        assertEquals(WEIGHT.length, out.activation().width());
        return out;
    }

    /** tanh(W x + b), in double precision. */
    private static double[] expected(float[][] weight, float[] bias, float[] x) {
        double[] y = new double[weight.length];
        for (int o = 0; o < weight.length; o++) {
            double sum = bias[o];
            for (int i = 0; i < x.length; i++) {
                sum += (double) weight[o][i] * x[i];
            }
            y[o] = Math.tanh(sum);
        }
        return y;
    }

    private static void assertClose(double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], PostProcessorContract.TOLERANCE, "value " + i);
        }
    }

    private static Parameters parameters(int in, int out) {
        return new Parameters(Map.of("name", "Dense", "in_features", in, "out_features", out));
    }

    private ModelFolder folder() {
        return new ModelFolder("tiny", dir);
    }
}
