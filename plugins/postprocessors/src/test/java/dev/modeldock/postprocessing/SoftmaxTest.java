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

class SoftmaxTest {
    private static final Parameters PARAMETERS = new Parameters(Map.of("name", "Softmax"));
    private static final float[] LOGITS = {2.0f, -1.0f, 0.5f};

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {11, 17})
    void graphTurnsLogitsIntoProbabilitiesThatSumToOne(int opset) {
        PostProcessorNodes.Output out = PostProcessorNodes.of(new Softmax(), PARAMETERS, folder()).atOpset(opset)
                .onSentence(LOGITS);
        assertArrayEquals(new long[] {1, 3}, out.shape());
        double sum = Math.exp(2.0) + Math.exp(-1.0) + Math.exp(0.5);
        for (int i = 0; i < LOGITS.length; i++) {
            assertEquals(Math.exp(LOGITS[i]) / sum, out.values()[i], PostProcessorContract.TOLERANCE, "label " + i);
        }
    }

    @Test
    void evaluateStaysFiniteOnLogitsFarFromZero() {
        float[] out = new Softmax().evaluate(new float[][] {{1000f, 999f, -1000f}}, PARAMETERS, folder())[0];
        assertEquals(1 / (1 + Math.exp(-1)), out[0], 1e-6);
        assertEquals(Math.exp(-1) / (1 + Math.exp(-1)), out[1], 1e-6);
        assertEquals(0.0f, out[2]);
    }

    @Test
    void evaluateAgreesWithTheGraph() {
        float[] logits = {-3.2f, 0.04f, 7.5f, 1.25f};
        PostProcessorContract.assertNodesAgreeWithEvaluate(new Softmax(), PARAMETERS, folder(),
                new Activation("logits", logits.length, false), new float[][] {logits}, PostProcessorContract.TOLERANCE);
    }

    @Test
    void refusesTokenEmbeddingsNamingTheClassificationHead() {
        ModelDockException e = assertThrows(ModelDockException.class, () -> new Softmax()
                .check(new Activation("x", 4, true), PARAMETERS, folder()));
        assertTrue(e.getMessage().contains("classification head"), e.getMessage());
    }

    private ModelFolder folder() {
        return new ModelFolder("tiny", dir);
    }
}
