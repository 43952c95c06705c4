package dev.modeldock.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * float32 → float16 against a reference worked out apart from the conversion: every finite half's value
 * computed in double arithmetic from its fields, and the nearest of them (ties to the even bits)
 * found by search.
 */
class Float16Test {
    private static final int FINITE_HALVES = 0x7c00;
    private static final double[] HALF_VALUES = new double[FINITE_HALVES];
    private static final int SAMPLES = 200_000;

    static {
        for (int bits = 0; bits < FINITE_HALVES; bits++) {
            int exponent = bits >>> 10;
            int mantissa = bits & 0x3ff;
            HALF_VALUES[bits] = exponent == 0 ? mantissa * Math.pow(2, -24)
                    : (1 + mantissa / 1024.0) * Math.pow(2, exponent - 15);
        }
    }

    /** The nearest half by distance in double arithmetic, ties to even bits. */
    private static short reference(float value) {
        double magnitude = Math.abs((double) value);
        int low = 0;
        int high = FINITE_HALVES - 1;
        while (low < high) { // the first half at or above the magnitude
            int middle = (low + high) >>> 1;
            if (HALF_VALUES[middle] < magnitude) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        int nearest = low;
        if (low > 0) {
            double below = magnitude - HALF_VALUES[low - 1];
            double above = HALF_VALUES[low] - magnitude;
            nearest = below < above || (below == above && (low - 1) % 2 == 0) ? low - 1 : low;
        }
        boolean negative = (Float.floatToRawIntBits(value) & 0x80000000) != 0;
        return (short) (negative ? nearest | 0x8000 : nearest);
    }

    @Test
    void randomFloatsWithinRangeRoundToTheNearestHalfTiesToEven() {
        Random random = new Random(20261201);
        int checked = 0;
        while (checked < SAMPLES) {
            float value = Float.intBitsToFloat(random.nextInt());
            if (Float.isFinite(value) && Math.abs(value) <= Float16.MAX_VALUE) {
                assertEquals(reference(value), Float16.fromFloat(value), () -> "for " + value);
                checked++;
            }
        }
    }

    @Test
    void valuesAroundAndBelowTheSubnormalHalvesRoundAsTheReference() {
        Random random = new Random(7);
        for (int i = 0; i < SAMPLES; i++) {
            // Uniform below 2^-13: subnormal halves, the smallest normal ones, and what rounds to zero.
            float value = (float) ((random.nextDouble() * 2 - 1) * 0x1p-13);
            assertEquals(reference(value), Float16.fromFloat(value), () -> "for " + value);
        }
    }

    @Test
    void tiesBetweenTwoHalvesGoToTheEvenOne() {
        for (int bits = 0; bits < FINITE_HALVES - 1; bits++) {
            double midpoint = (HALF_VALUES[bits] + HALF_VALUES[bits + 1]) / 2;
            float tie = (float) midpoint;
            if (tie == midpoint) { // every midpoint is a float; checked rather than assumed
                short expected = (short) (bits % 2 == 0 ? bits : bits + 1);
                assertEquals(expected, Float16.fromFloat(tie), "tie above half " + bits);
                assertEquals(bits, Float16.fromFloat(Math.nextDown(tie)), "just below the tie above half " + bits);
                assertEquals(bits + 1, Float16.fromFloat(Math.nextUp(tie)), "just above the tie above half " + bits);
            }
        }
    }

    @Test
    void everyHalfConvertsToItsExactValueAndBack() {
        for (int bits = 0; bits < FINITE_HALVES; bits++) {
            float value = Float16.toFloat((short) bits);
            assertEquals(HALF_VALUES[bits], value, 0.0, "half " + bits);
            assertEquals((short) bits, Float16.fromFloat(value));
            assertEquals((short) (bits | 0x8000), Float16.fromFloat(-value));
        }
    }

    @Test
    void boundaries() {
        assertEquals((short) 0x7bff, Float16.fromFloat(65504f));
        assertEquals((short) 0xfbff, Float16.fromFloat(-65504f));
        assertEquals((short) 0x0400, Float16.fromFloat(0x1p-14f)); // smallest normal half
        assertEquals((short) 0x0400, Float16.fromFloat(Math.nextDown(0x1p-14f))); // rounds up into the normals
        assertEquals((short) 0x0001, Float16.fromFloat(0x1p-24f)); // smallest subnormal half
        assertEquals((short) 0x0000, Float16.fromFloat(0x1p-25f)); // the tie between 0 and it goes to 0
        assertEquals((short) 0x0001, Float16.fromFloat(Math.nextUp(0x1p-25f)));
        assertEquals((short) 0x8000, Float16.fromFloat(-0.0f));
        assertEquals((short) 0x0000, Float16.fromFloat(Float.MIN_VALUE));
        assertEquals((short) 0x3c00, Float16.fromFloat(1f));
        assertEquals((short) 0x3c00, Float16.fromFloat(1 + 0x1p-11f)); // tie between 1 and 1+2^-10: even
        assertEquals((short) 0x3c02, Float16.fromFloat(1 + 3 * 0x1p-11f)); // tie between odd and even: even
    }

    @Test
    void valuesBeyondTheLargestHalfAreRefused() {
        for (float value : new float[] {Math.nextUp(65504f), -Math.nextUp(65504f), 65520f, 1e10f, -Float.MAX_VALUE}) {
            ArithmeticException refused = assertThrows(ArithmeticException.class, () -> Float16.fromFloat(value));
            assertEquals(value + " is beyond float16's range of ±65504", refused.getMessage());
        }
    }

    @Test
    void nanAndInfinitiesAreRefused() {
        for (float value : new float[] {Float.NaN, Float.intBitsToFloat(0x7f800001), Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY}) {
            assertThrows(ArithmeticException.class, () -> Float16.fromFloat(value), "for " + value);
        }
    }
}
