package dev.modeldock.runtime;

import java.util.Arrays;

/** Flattens the nested Java arrays ONNX Runtime returns. */
final class Tensors {
    private Tensors() {
    }

    static float[] flattenFloats(Object value) {
        if (value instanceof float[] row) {
            return row;
        }
        if (value instanceof Object[] rows) {
            float[][] parts = Arrays.stream(rows).map(Tensors::flattenFloats).toArray(float[][]::new);
            float[] flat = new float[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
            int at = 0;
            for (float[] part : parts) {
                System.arraycopy(part, 0, flat, at, part.length);
                at += part.length;
            }
            return flat;
        }
        throw new IllegalArgumentException("not a float tensor: " + value.getClass());
    }

    static long[] flattenLongs(Object value) {
        if (value instanceof long[] row) {
            return row;
        }
        if (value instanceof Object[] rows) {
            return Arrays.stream(rows).map(Tensors::flattenLongs).flatMapToLong(Arrays::stream).toArray();
        }
        throw new IllegalArgumentException("not an int64 tensor: " + value.getClass());
    }
}
