package dev.modeldock.transform;

/**
 * IEEE 754 binary16 ("half") values as their 16 bits, converted from and to float32 (Java 17 has no
 * {@code Float.floatToFloat16}; Java 20 does).
 *
 * <p>Rounding is to the nearest half, ties to the even one, subnormal halves included. A value that
 * float16 cannot hold is refused rather than turned into infinity: a weight of infinity would
 * poison every embedding, so the caller must hear which tensor holds it.
 */
public final class Float16 {
    /** The largest finite half, 65504 (0x7bff). */
    public static final float MAX_VALUE = 65504f;

    private static final int FLOAT_EXPONENT_BIAS = 127;
    private static final int HALF_EXPONENT_BIAS = 15;
    /** Float bits of 2^-14, the smallest normal half: below it, halves are subnormal. */
    private static final int SMALLEST_NORMAL_HALF_AS_FLOAT = 0x38800000;

    private Float16() {
    }

    /**
     * The half nearest {@code value} (ties to even), as bits; {@code -0.0} keeps its sign.
     *
     * @throws ArithmeticException when {@code value} is NaN, infinite or beyond ±{@value #MAX_VALUE}
     */
    public static short fromFloat(float value) {
        if (Float.isNaN(value) || Float.isInfinite(value)) {
            throw new ArithmeticException(value + " has no float16 value");
        }
        if (Math.abs(value) > MAX_VALUE) {
            throw new ArithmeticException(value + " is beyond float16's range of ±65504");
        }
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int magnitude = bits & 0x7fffffff;
        if (magnitude >= SMALLEST_NORMAL_HALF_AS_FLOAT) {
            int exponent = (magnitude >>> 23) - FLOAT_EXPONENT_BIAS + HALF_EXPONENT_BIAS;
            int mantissa = magnitude & 0x7fffff;
            // A carry out of the mantissa rounds into the exponent, which is the right half; the range
            // check above keeps it below infinity.
            return (short) (sign | roundedShift(exponent << 23 | mantissa, 13, mantissa & 0x1fff));
        }
        int exponent = magnitude >>> 23;
        if (exponent == 0) {
            return (short) sign; // float subnormals are far below half of the smallest half (2^-25)
        }
        // value = significand * 2^(exponent - 150); in units of the smallest half (2^-24) that is
        // significand >> (126 - exponent), at least a shift of 14 here.
        int significand = (magnitude & 0x7fffff) | 0x800000;
        int shift = 126 - exponent;
        if (shift > 24) {
            return (short) sign; // below 2^-25: nearer to zero than to the smallest half
        }
        return (short) (sign | roundedShift(significand, shift, significand & ((1 << shift) - 1)));
    }

    /** The float32 value of half {@code bits}; exact, as every half is a float. */
    public static float toFloat(short bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13);
        }
        if (exponent == 0) {
            float subnormal = mantissa * 0x1p-24f; // exact: at most 10 significant bits
            return sign == 0 ? subnormal : -subnormal;
        }
        return Float.intBitsToFloat(sign | (exponent - HALF_EXPONENT_BIAS + FLOAT_EXPONENT_BIAS) << 23 | mantissa << 13);
    }

    /**
     * {@code value >> shift} rounded to nearest, ties to even, where {@code dropped} holds the bits
     * the shift drops.
     */
    private static int roundedShift(int value, int shift, int dropped) {
        int kept = value >>> shift;
        int halfway = 1 << (shift - 1);
        if (dropped > halfway || (dropped == halfway && (kept & 1) == 1)) {
            kept++;
        }
        return kept;
    }
}
