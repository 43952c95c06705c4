package dev.modeldock.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Properties of per-column symmetric int8 quantization on seeded random and awkward matrices. */
class Int8WeightsTest {

    @ParameterizedTest
    @ValueSource(ints = {Int8Weights.FULL_LEVEL, Int8Weights.SATURATION_SAFE_LEVEL})
    void dequantizedRandomWeightsAreWithinOneStepOfTheOriginals(int maxLevel) {
        Random random = new Random(20261201L);
        for (int trial = 0; trial < 200; trial++) {
            int rows = 1 + random.nextInt(40);
            int columns = 1 + random.nextInt(40);
            float spread = (float) Math.pow(10, random.nextInt(13) - 6);
            float[] matrix = new float[rows * columns];
            for (int i = 0; i < matrix.length; i++) {
                matrix[i] = (float) (random.nextGaussian() * spread);
            }
            assertWithinOneStep(matrix, Int8Weights.quantize(matrix, rows, columns, maxLevel));
        }
    }

    @Test
    void levelsStayInTheSymmetricRangeAndTheLargestValueOfAColumnGetsTheTopLevel() {
        float[] matrix = {-3f, 0.5f, 1f, -0.25f, 2f, 0f};
        Int8Weights weights = Int8Weights.quantize(matrix, 3, 2, Int8Weights.FULL_LEVEL);
        assertArrayEquals(new float[] {3f / 127, 0.5f / 127}, weights.scales(), 1e-9f);
        assertEquals(-127, weights.values()[0]);
        assertEquals(127, weights.values()[1]);
        for (byte level : weights.values()) {
            assertTrue(level >= -127 && level <= 127);
        }
    }

    @Test
    void constantColumnsAreExact() {
        float[] matrix = {5f, -2f, 5f, -2f, 5f, -2f};
        float[] restored = Int8Weights.quantize(matrix, 3, 2, Int8Weights.FULL_LEVEL).dequantize();
        assertArrayEquals(matrix, restored, 1e-6f);
    }

    @Test
    void constantRowsAreWithinOneStep() {
        float[] matrix = new float[4 * 5];
        for (int r = 0; r < 4; r++) {
            Arrays.fill(matrix, r * 5, r * 5 + 5, r * 1.7f - 2f);
        }
        assertWithinOneStep(matrix, Int8Weights.quantize(matrix, 4, 5, Int8Weights.FULL_LEVEL));
    }

    @Test
    void anAllZeroTensorGetsScaleOneAndZeroLevelsWithoutNaN() {
        Int8Weights weights = Int8Weights.quantize(new float[12], 3, 4, Int8Weights.FULL_LEVEL);
        assertArrayEquals(new float[] {1f, 1f, 1f, 1f}, weights.scales());
        assertArrayEquals(new byte[12], weights.values());
        assertArrayEquals(new float[12], weights.dequantize());
    }

    @Test
    void aColumnOfSubnormalValuesDoesNotDivideByZero() {
        float[] matrix = {Float.MIN_VALUE, 1f, -Float.MIN_VALUE, 2f};
        Int8Weights weights = Int8Weights.quantize(matrix, 2, 2, Int8Weights.FULL_LEVEL);
        assertEquals(1f, weights.scales()[0]);
        assertWithinOneStep(matrix, weights);
    }

    @Test
    void extremeValuesNearTheFloatLimitStayFinite() {
        Random random = new Random(7L);
        float[] matrix = new float[6 * 3];
        for (int i = 0; i < matrix.length; i++) {
            matrix[i] = (float) ((random.nextDouble() * 2 - 1) * 3.4e38);
        }
        matrix[0] = Float.MAX_VALUE;
        matrix[1] = -Float.MAX_VALUE;
        Int8Weights weights = Int8Weights.quantize(matrix, 6, 3, Int8Weights.FULL_LEVEL);
        for (float value : weights.dequantize()) {
            assertTrue(Float.isFinite(value), "dequantized " + value);
        }
        assertWithinOneStep(matrix, weights);
    }

    private static void assertWithinOneStep(float[] matrix, Int8Weights weights) {
        float[] restored = weights.dequantize();
        for (int i = 0; i < matrix.length; i++) {
            float scale = weights.scale(i);
            assertTrue(Float.isFinite(scale) && scale > 0, "scale " + scale);
            double error = Math.abs((double) restored[i] - matrix[i]);
            assertTrue(error <= scale, "value " + matrix[i] + " came back as " + restored[i] + ", step " + scale);
        }
    }
}
