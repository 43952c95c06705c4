package dev.modeldock.export.oracle.standin;

import java.util.Locale;

/**
 * A vector in the text form FROM_VECTOR returns: "[1.23000003E-001,-4.50000018E-002]", nine
 * significant digits (enough to give back the same float) and a three-digit exponent, which
 * {@link Float#parseFloat} reads.
 */
final class VectorText {
    private VectorText() {
    }

    static String format(float[] vector) {
        StringBuilder text = new StringBuilder(vector.length * 16 + 2).append('[');
        for (int i = 0; i < vector.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(number(vector[i]));
        }
        return text.append(']').toString();
    }

    static String number(float value) {
        String scientific = String.format(Locale.ROOT, "%.8E", value);
        int e = scientific.indexOf('E');
        char sign = scientific.charAt(e + 1);
        String digits = scientific.substring(e + 2);
        return scientific.substring(0, e + 1) + sign + "0".repeat(Math.max(0, 3 - digits.length())) + digits;
    }
}
