package dev.modeldock.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The similarity measures a parity check reports. */
class ParityCheckTest {

    @Test
    void cosineOfKnownVectors() {
        // (1,2,3).(4,5,6) = 32; |a|^2 = 14, |b|^2 = 77
        assertEquals(32 / Math.sqrt(14.0 * 77.0), ParityCheck.cosine(new float[] {1, 2, 3}, new float[] {4, 5, 6}),
                1e-12);
        assertEquals(0.0, ParityCheck.cosine(new float[] {1, 0}, new float[] {0, 1}), 0.0);
        assertEquals(-1.0, ParityCheck.cosine(new float[] {1, -2}, new float[] {-3, 6}), 1e-12);
    }

    @Test
    void cosineIgnoresLength() {
        assertEquals(1.0, ParityCheck.cosine(new float[] {0.5f, 0.25f}, new float[] {200f, 100f}), 1e-12);
    }

    @Test
    void twoZeroVectorsCountAsIdentical() {
        assertEquals(1.0, ParityCheck.cosine(new float[3], new float[3]), 0.0);
    }

    @Test
    void aZeroVectorAgainstANonZeroOneIsNotSimilar() {
        double cosine = ParityCheck.cosine(new float[] {0, 0}, new float[] {1, 0});
        assertTrue(cosine < ParityReport.MIN_ASCII_COSINE && !Double.isNaN(cosine), "cosine " + cosine);
    }

    @Test
    void vectorsOfDifferentLengthsAreUnrelatedAndFailTheThreshold() {
        double cosine = ParityCheck.cosine(new float[] {1, 2, 3}, new float[] {1, 2});
        assertTrue(cosine <= 0, "cosine " + cosine);
        assertTrue(cosine < ParityReport.MIN_ASCII_COSINE);
    }

    @Test
    void cosineDoesNotOverflowForLargeFloats() {
        float big = 1e30f; // its square overflows float but not double
        assertEquals(1.0, ParityCheck.cosine(new float[] {big, big}, new float[] {big, big}), 1e-12);
    }

    @Test
    void maxAbsDifferenceIsTheLargestElementwiseGap() {
        assertEquals(2.5, ParityCheck.maxAbsDifference(new float[] {1f, -1f, 0f}, new float[] {1.5f, 1.5f, 0f}),
                1e-7);
        assertEquals(0.0, ParityCheck.maxAbsDifference(new float[0], new float[0]), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, ParityCheck.maxAbsDifference(new float[1], new float[2]));
    }
}
