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
import dev.modeldock.testkit.plugin.PostProcessorContract;
import dev.modeldock.testkit.plugin.PostProcessorNodes;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PoolingTest {
    /** Three tokens of width 4; the third is padding and holds the largest values, so using it shows. */
    private static final float[][] TOKENS = {
        {0.5f, -1.25f, 2.0f, -3.0f},
        {1.5f, -0.75f, -4.0f, -2.0f},
        {100f, 90f, 80f, 70f},
    };
    private static final long[] PADDED_MASK = {1, 1, 0};

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
        assertPooled(expected, PostProcessorNodes.of(new Pooling(), new Parameters(Map.of("name", "Pooling")), folder())
                .onTokens(TOKENS, PADDED_MASK));
    }

    @Test
    void meanPoolingOfOnlyPaddingGivesZerosNotNaN() throws Exception {
        PostProcessorNodes.Output out = runPooling("mean", 17, TOKENS, new long[] {0, 0, 0});
        assertPooled(new double[4], out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mean", "max", "cls"})
    void evaluateAgreesWithTheGraphOnUnpaddedText(String type) {
        PostProcessorContract.assertNodesAgreeWithEvaluate(new Pooling(), parameters(type), folder(),
                new Activation("x", 4, true), TOKENS, PostProcessorContract.TOLERANCE);
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

    private PostProcessorNodes.Output runPooling(String type, int opset, float[][] tokens, long[] mask) {
        PostProcessorNodes.Output out = PostProcessorNodes.of(new Pooling(), parameters(type), folder()).atOpset(opset)
                .onTokens(tokens, mask);
        assertEquals(4, out.activation().width());
        assertFalse(out.activation().perToken());
        return out;
    }

    private static void assertPooled(double[] expected, PostProcessorNodes.Output out) {
        assertArrayEquals(new long[] {1, 4}, out.shape(), "a sentence embedding is [1, width]");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], out.values()[i], PostProcessorContract.TOLERANCE, "value " + i);
        }
    }

    private static Parameters parameters(String type) {
        return new Parameters(Map.of("name", "Pooling", "type", type));
    }

    private ModelFolder folder() {
        return new ModelFolder("tiny", dir);
    }
}
