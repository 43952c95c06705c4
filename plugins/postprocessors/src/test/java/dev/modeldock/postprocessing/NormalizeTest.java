package dev.modeldock.postprocessing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.graph.ProtoGraphBuilder;
import dev.modeldock.plugin.Activation;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.Parameters;
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
        OnnxGraphs.Output out = runNormalize(opset, X);
        assertArrayEquals(new long[] {1, 4}, out.shape());
        double norm = Math.sqrt(3.0 * 3.0 + 4.0 * 4.0 + 12.0 * 12.0 + 0.5 * 0.5);
        for (int i = 0; i < X.length; i++) {
            assertEquals(X[i] / norm, out.values()[i], OnnxGraphs.TOLERANCE, "value " + i);
        }
        assertEquals(1.0, length(out.values()), OnnxGraphs.TOLERANCE);
    }

    @Test
    void evaluateScalesTheEmbeddingToUnitLength() {
        float[] out = new Normalize().evaluate(new float[][] {X}, PARAMETERS, folder())[0];
        double norm = Math.sqrt(3.0 * 3.0 + 4.0 * 4.0 + 12.0 * 12.0 + 0.5 * 0.5);
        for (int i = 0; i < X.length; i++) {
            assertEquals(X[i] / norm, out[i], OnnxGraphs.TOLERANCE, "value " + i);
        }
        assertEquals(1.0, length(out), OnnxGraphs.TOLERANCE);
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
    void evaluateAgreesWithTheGraph() throws Exception {
        float[] x = {-0.031f, 0.27f, 1.9f, -0.0044f};
        float[] graph = runNormalize(18, x).values();
        float[] java = new Normalize().evaluate(new float[][] {x}, PARAMETERS, folder())[0];
        for (int i = 0; i < x.length; i++) {
            assertEquals(java[i], graph[i], OnnxGraphs.TOLERANCE, "value " + i);
        }
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

    private OnnxGraphs.Output runNormalize(int opset, float[] x) throws Exception {
        ProtoGraphBuilder graph = OnnxGraphs.graph(opset, new long[] {1, x.length}, false);
        Activation out = new Normalize().append(graph, new Activation("x", x.length, false), "unused", PARAMETERS,
                folder());
        assertEquals(x.length, out.width());
        OnnxGraphs.publish(graph, out.tensor(), out.width());
        return OnnxGraphs.run(OnnxGraphs.write(graph, dir), x, new long[] {1, x.length}, null);
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
