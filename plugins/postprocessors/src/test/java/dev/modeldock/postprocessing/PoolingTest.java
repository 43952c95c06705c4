package dev.modeldock.postprocessing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

class PoolingTest {
    private static final long[] SHAPE = {1, 3, 4};
    /** Three tokens of width 4; the third is padding and holds the largest values, so using it shows. */
    private static final float[][] TOKENS = {
        {0.5f, -1.25f, 2.0f, -3.0f},
        {1.5f, -0.75f, -4.0f, -2.0f},
        {100f, 90f, 80f, 70f},
    };
    private static final long[] PADDED_MASK = {1, 1, 0};
    private static final long[] FULL_MASK = {1, 1, 1};

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {17, 18})
    void meanPoolingIgnoresPaddedTokens(int opset) throws Exception {
        double[] expected = new double[4];
        for (int i = 0; i < 4; i++) {
            expected[i] = (TOKENS[0][i] + TOKENS[1][i]) / 2.0;
        }
        assertPooled(expected, runPooling("mean", opset, TOKENS, PADDED_MASK));
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 18})
    void maxPoolingIgnoresPaddedTokens(int opset) throws Exception {
        double[] expected = new double[4];
        for (int i = 0; i < 4; i++) {
            expected[i] = Math.max(TOKENS[0][i], TOKENS[1][i]);
        }
        assertPooled(expected, runPooling("max", opset, TOKENS, PADDED_MASK));
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 18})
    void clsPoolingTakesTheFirstToken(int opset) throws Exception {
        double[] expected = new double[4];
        for (int i = 0; i < 4; i++) {
            expected[i] = TOKENS[0][i];
        }
        assertPooled(expected, runPooling("cls", opset, TOKENS, PADDED_MASK));
    }

    @Test
    void meanPoolingIsTheDefaultType() throws Exception {
        double[] expected = new double[4];
        for (int i = 0; i < 4; i++) {
            expected[i] = (TOKENS[0][i] + TOKENS[1][i]) / 2.0;
        }
        ProtoGraphBuilder graph = OnnxGraphs.graph(17, SHAPE, true);
        Activation pooled = new Pooling().append(graph, new Activation("x", 4, true), "mask",
                new Parameters(Map.of("name", "Pooling")), folder());
        OnnxGraphs.publish(graph, pooled.tensor(), pooled.width());
        assertPooled(expected, OnnxGraphs.run(OnnxGraphs.write(graph, dir), OnnxGraphs.flatten(TOKENS), SHAPE,
                PADDED_MASK));
    }

    @Test
    void meanPoolingOfOnlyPaddingGivesZerosNotNaN() throws Exception {
        OnnxGraphs.Output out = runPooling("mean", 17, TOKENS, new long[] {0, 0, 0});
        assertPooled(new double[4], out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mean", "max", "cls"})
    void evaluateAgreesWithTheGraphOnUnpaddedText(String type) throws Exception {
        float[] javaResult = new Pooling().evaluate(TOKENS, parameters(type), folder())[0];
        OnnxGraphs.Output graphResult = runPooling(type, 18, TOKENS, FULL_MASK);
        assertEquals(4, javaResult.length);
        for (int i = 0; i < 4; i++) {
            assertEquals(javaResult[i], graphResult.values()[i], OnnxGraphs.TOLERANCE, type + " value " + i);
        }
    }

    @Test
    void checkTurnsTokenEmbeddingsIntoASentenceEmbeddingOfTheSameWidth() {
        Activation out = new Pooling().check(new Activation("x", 384, true), parameters("max"), folder());
        assertEquals(384, out.width());
        assertFalse(out.perToken());
    }

    @Test
    void rejectsUnknownPoolingType() {
        ModelDockException e = assertThrows(ModelDockException.class, () -> new Pooling()
                .check(new Activation("x", 4, true), parameters("median"), folder()));
        assertTrue(e.getMessage().contains("'median'"), e.getMessage());
        assertTrue(e.getMessage().contains("mean, max, cls"), e.getMessage());
    }

    @Test
    void rejectsPoolingAfterASentenceLevelActivation() {
        ModelDockException e = assertThrows(ModelDockException.class, () -> new Pooling()
                .check(new Activation("x", 4, false), parameters("mean"), folder()));
        assertTrue(e.getMessage().contains("sentence embedding"), e.getMessage());
        assertTrue(e.getMessage().contains("token embeddings"), e.getMessage());
    }

    @Test
    void metadataNamesThePoolingKindAsOracleSpellsIt() {
        Pooling pooling = new Pooling();
        assertEquals(Map.of("pooling", "Mean Pooling"), pooling.metadata(parameters("mean")));
        assertEquals(Map.of("pooling", "Max Pooling"), pooling.metadata(parameters("max")));
        assertEquals(Map.of("pooling", "CLS Pooling"), pooling.metadata(parameters("cls")));
    }

    private OnnxGraphs.Output runPooling(String type, int opset, float[][] tokens, long[] mask) throws Exception {
        ProtoGraphBuilder graph = OnnxGraphs.graph(opset, SHAPE, true);
        Activation pooled = new Pooling().append(graph, new Activation("x", 4, true), "mask", parameters(type),
                folder());
        assertEquals(4, pooled.width());
        assertFalse(pooled.perToken());
        OnnxGraphs.publish(graph, pooled.tensor(), pooled.width());
        return OnnxGraphs.run(OnnxGraphs.write(graph, dir), OnnxGraphs.flatten(tokens), SHAPE, mask);
    }

    private static void assertPooled(double[] expected, OnnxGraphs.Output out) {
        assertArrayEquals(new long[] {1, 4}, out.shape(), "a sentence embedding is [1, width]");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], out.values()[i], OnnxGraphs.TOLERANCE, "value " + i);
        }
    }

    private static Parameters parameters(String type) {
        return new Parameters(Map.of("name", "Pooling", "type", type));
    }

    private ModelFolder folder() {
        return new ModelFolder("tiny", dir);
    }
}
