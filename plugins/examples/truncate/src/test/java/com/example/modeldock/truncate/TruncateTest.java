package com.example.modeldock.truncate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.Activation;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.Parameters;
import dev.modeldock.plugin.Setting;
import dev.modeldock.testkit.plugin.PostProcessorContract;
import dev.modeldock.testkit.plugin.PostProcessorNodes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Truncate's two forms agree (the contract the host checks at export), and both give answers worked out
 * by hand: the contract alone would pass a wrong algorithm written twice.
 */
class TruncateTest {
    private static final double TOLERANCE = PostProcessorContract.TOLERANCE;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "dimensions {0}")
    @ValueSource(ints = {1, 3, 8})
    void nodesAgreeWithEvaluateAtEveryOpset(int dimensions) {
        PostProcessorContract.assertNodesAgreeWithEvaluate(new Truncate(), dimensions(dimensions), folder(),
                new Activation("x", 8, false));
    }

    @ParameterizedTest(name = "opset {0}")
    @ValueSource(ints = {13, 17, 18})
    void nodesKeepTheFirstValuesAtUnitLength(int opset) {
        // [3, 4] has length 5, so [3, 4, 12] cut to two values is [3/5, 4/5].
        PostProcessorNodes.Output out = PostProcessorNodes.of(new Truncate(), dimensions(2), folder()).atOpset(opset)
                .onSentence(new float[] {3, 4, 12});
        assertArrayEquals(new long[] {1, 2}, out.shape());
        assertArrayEquals(new float[] {0.6f, 0.8f}, out.values(), (float) TOLERANCE);
    }

    @Test
    void evaluateKeepsTheFirstValuesAtUnitLength() {
        assertArrayEquals(new float[] {0.6f, 0.8f}, evaluate(2, 3, 4, 12), (float) TOLERANCE);
        // All three: [3, 4, 12] has length 13.
        assertArrayEquals(new float[] {3f / 13, 4f / 13, 12f / 13}, evaluate(3, 3, 4, 12), (float) TOLERANCE);
        // One value keeps only its sign.
        assertArrayEquals(new float[] {-1f}, evaluate(1, -2, 5), (float) TOLERANCE);
    }

    @Test
    void aZeroVectorStaysZeroInBothForms() {
        assertArrayEquals(new float[] {0f, 0f}, evaluate(2, 0, 0, 7));
        assertArrayEquals(new float[] {0f, 0f}, PostProcessorNodes.of(new Truncate(), dimensions(2), folder())
                .onSentence(new float[] {0, 0, 7}).values());
    }

    @Test
    void checkAnnouncesTheShorterSentenceEmbedding() {
        assertEquals(new Activation("x", 2, false), new Truncate().check(new Activation("x", 3, false),
                dimensions(2), folder()));
    }

    @Test
    void refusesTokenEmbeddings() {
        ModelDockException e = assertThrows(ModelDockException.class, () -> new Truncate()
                .check(new Activation("x", 8, true), dimensions(2), folder()));
        assertTrue(e.getMessage().contains("put a Pooling before it"), e.getMessage());
    }

    @ParameterizedTest(name = "dimensions {0} of 8")
    @ValueSource(ints = {0, -1, 9})
    void refusesDimensionsOutsideTheWidth(int dimensions) {
        ModelDockException e = assertThrows(ModelDockException.class, () -> new Truncate()
                .check(new Activation("x", 8, false), dimensions(dimensions), folder()));
        assertEquals("Truncate's \"dimensions\" is " + dimensions + ", but the embedding it receives has 8 values;"
                + " give a number from 1 to 8", e.getMessage());
    }

    @Test
    void refusesMissingOrNonIntegerDimensions() {
        ModelDockException missing = assertThrows(ModelDockException.class, () -> new Truncate()
                .check(new Activation("x", 8, false), new Parameters(Map.of("name", "Truncate")), folder()));
        assertTrue(missing.getMessage().contains("\"dimensions\""), missing.getMessage());
        ModelDockException text = assertThrows(ModelDockException.class, () -> new Truncate()
                .check(new Activation("x", 8, false), new Parameters(Map.of("name", "Truncate", "dimensions",
                        "half")), folder()));
        assertTrue(text.getMessage().contains("dimensions"), text.getMessage());
    }

    @Test
    void declaresARequiredIntegerForTheForm() {
        Setting declared = new Truncate().parameters().get(0);
        assertEquals(List.of("dimensions"), new Truncate().parameters().stream().map(Setting::name).toList());
        assertEquals(Setting.Type.INTEGER, declared.type());
        assertTrue(declared.required());
    }

    @Test
    void metadataSaysTheOutputIsNormalized() {
        assertEquals(Map.of("normalization", true), new Truncate().metadata(dimensions(2)));
    }

    private float[] evaluate(int dimensions, float... embedding) {
        return new Truncate().evaluate(new float[][] {embedding}, dimensions(dimensions), folder())[0];
    }

    private static Parameters dimensions(int dimensions) {
        return new Parameters(Map.of("name", "Truncate", "dimensions", dimensions));
    }

    private ModelFolder folder() {
        return new ModelFolder("matryoshka", dir);
    }
}
