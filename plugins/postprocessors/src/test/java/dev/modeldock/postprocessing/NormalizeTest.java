package dev.modeldock.postprocessing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.Activation;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.Parameters;
import dev.modeldock.testkit.plugin.PostProcessorContract;
import dev.modeldock.testkit.plugin.PostProcessorNodes;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NormalizeTest {
    private static final Parameters PARAMETERS = new Parameters(Map.of("name", "Normalize"));
    private static final float[] X = {3.0f, -4.0f, 12.0f, 0.5f};

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {17, 18})
    void graphScalesTheEmbeddingToUnitLength(int opset) throws Exception {
        PostProcessorNodes.Output out = runNormalize(opset, X);
        assertArrayEquals(new long[] {1, 4}, out.shape());
        double norm = Math.sqrt(3.0 * 3.0 + 4.0 * 4.0 + 12.0 * 12.0 + 0.5 * 0.5);
        for (int i = 0; i < X.length; i++) {
            assertEquals(X[i] / norm, out.values()[i], PostProcessorContract.TOLERANCE, "value " + i);
        }
        assertEquals(1.0, length(out.values()), PostProcessorContract.TOLERANCE);
    }

    @Test
    void evaluateScalesTheEmbeddingToUnitLength() {
        float[] out = new Normalize().evaluate(new float[][] {X}, PARAMETERS, folder())[0];
        double norm = Math.sqrt(3.0 * 3.0 + 4.0 * 4.0 + 12.0 * 12.0 + 0.5 * 0.5);
        for (int i = 0; i < X.length; i++) {
            assertEquals(X[i] / norm, out[i], PostProcessorContract.TOLERANCE, "value " + i);
        }
        assertEquals(1.0, length(out), PostProcessorContract.TOLERANCE);
    }

    @Test
    void graphKeepsAZeroVectorZero() throws Exception {
        float[] out = runNormalize(17, new float[4]).values();
        for (float value : out) {
            assertEquals(0.0f, value, "no NaN and no other value for a zero vector");
        }
    }

    @Test
    void evaluateKeepsAZeroVectorZero() {
        float[] out = new Normalize().evaluate(new float[][] {new float[4]}, PARAMETERS, folder())[0];
        for (float value : out) {
            assertEquals(0.0f, value, "no NaN and no other value for a zero vector");
        }
    }

    @Test
    void evaluateAgreesWithTheGraph() {
        float[] x = {-0.031f, 0.27f, 1.9f, -0.0044f};
        PostProcessorContract.assertNodesAgreeWithEvaluate(new Normalize(), PARAMETERS, folder(),
                new Activation("x", x.length, false), new float[][] {x}, PostProcessorContract.TOLERANCE);
    }

    @Test
    void rejectsTokenEmbeddings() {
        ModelDockException e = assertThrows(ModelDockException.class, () -> new Normalize()
                .check(new Activation("x", 4, true), PARAMETERS, folder()));
        assertTrue(e.getMessage().contains("Pooling"), e.getMessage());
    }

    @Test
    void metadataAnnouncesNormalization() {
        assertEquals(Map.of("normalization", true), new Normalize().metadata(PARAMETERS));
    }

    private PostProcessorNodes.Output runNormalize(int opset, float[] x) {
        PostProcessorNodes.Output out = PostProcessorNodes.of(new Normalize(), PARAMETERS, folder()).atOpset(opset)
                .onSentence(x);
        assertEquals(x.length, out.activation().width());
        return out;
    }

    private static double length(float[] values) {
        double sum = 0;
        for (float value : values) {
            sum += (double) value * value;
        }
        return Math.sqrt(sum);
    }

    private ModelFolder folder() {
        return new ModelFolder("tiny", dir);
    }
}
