package dev.modeldock.transform;

import java.util.stream.IntStream;

/**
 * A float32 matrix [rows, columns] quantized per column (or per row) to symmetric int8 (zero point
 * 0): {@code value ≈ values[r * columns + c] * scales[c]} ({@code scales[r]} per row).
 *
 * <p>Per column because MatMul's B has the output features as columns, and one outlier column would
 * otherwise coarsen every other; symmetric because a zero point of 0 needs no zero-point tensor, so
 * the per-column scales are applied after MatMulInteger as one broadcast multiplication and ONNX
 * Runtime never sees a per-column zero point. Per row for embedding tables, whose rows are what a
 * Gather picks.
 *
 * @param maxLevel the largest quantized magnitude: 127 for the full int8 range, or 64 so that two
 *                 uint8 × int8 products summed in 16 bits (AVX2's VPMADDUBSW, used where the CPU has
 *                 no VNNI) cannot saturate: 2 × 255 × 64 = 32,640 ≤ 32,767
 */
record Int8Weights(byte[] values, float[] scales, int rows, int columns, int maxLevel, boolean perRow) {

    /** The largest level whose sums cannot saturate on CPUs without VNNI; see the record's description. */
    static final int SATURATION_SAFE_LEVEL = 64;
    /** The whole symmetric int8 range. */
    static final int FULL_LEVEL = 127;
    private static final int VALUES_PER_BLOCK = 1 << 20;

    /**
     * Quantizes {@code matrix} (row-major, finite values). A column whose largest magnitude is 0, or
     * so small that its scale underflows to 0, gets scale 1 and all-zero levels, which are within one
     * step of the originals, and no division by zero.
     */
    static Int8Weights quantize(float[] matrix, int rows, int columns, int maxLevel) {
        return quantize(matrix, rows, columns, maxLevel, false);
    }

    /**
     * As {@link #quantize(float[], int, int, int)}, with one scale per row when {@code perRow}. Blocks
     * of rows are worked on by every core (a 2.24 GB model's weights took 4.7 s on one); each value's
     * level is what it would be alone, so the result does not depend on how the rows are split.
     */
    static Int8Weights quantize(float[] matrix, int rows, int columns, int maxLevel, boolean perRow) {
        float[] largest = perRow ? rowMaxima(matrix, rows, columns) : columnMaxima(matrix, rows, columns);
        float[] scales = new float[largest.length];
        for (int c = 0; c < scales.length; c++) {
            float scale = (float) ((double) largest[c] / maxLevel);
            // Rounded up, the top level times the scale could pass Float.MAX_VALUE and dequantize to infinity.
            while (Float.isInfinite(scale * (float) maxLevel)) {
                scale = Math.nextDown(scale);
            }
            scales[c] = scale > 0 ? scale : 1f;
        }
        byte[] levels = new byte[matrix.length];
        int rowsPerBlock = rowsPerBlock(columns);
        IntStream.range(0, blocks(rows, rowsPerBlock)).parallel().forEach(block -> {
            for (int r = block * rowsPerBlock; r < Math.min(rows, (block + 1) * rowsPerBlock); r++) {
                for (int c = 0; c < columns; c++) {
                    // In double: float division of a value near ±3.4e38 by a small scale would overflow.
                    long level = Math.round(matrix[r * columns + c] / (double) scales[perRow ? r : c]);
                    levels[r * columns + c] = (byte) Math.max(-maxLevel, Math.min(maxLevel, level));
                }
            }
        });
        return new Int8Weights(levels, scales, rows, columns, maxLevel, perRow);
    }

    /** Each row's largest magnitude. */
    private static float[] rowMaxima(float[] matrix, int rows, int columns) {
        float[] largest = new float[rows];
        IntStream.range(0, rows).parallel().forEach(r -> {
            for (int c = 0; c < columns; c++) {
                largest[r] = Math.max(largest[r], Math.abs(matrix[r * columns + c]));
            }
        });
        return largest;
    }

    /** Each column's largest magnitude: the largest of each block of rows', taken on every core. */
    private static float[] columnMaxima(float[] matrix, int rows, int columns) {
        int rowsPerBlock = rowsPerBlock(columns);
        return IntStream.range(0, blocks(rows, rowsPerBlock)).parallel().mapToObj(block -> {
            float[] largest = new float[columns];
            for (int r = block * rowsPerBlock; r < Math.min(rows, (block + 1) * rowsPerBlock); r++) {
                for (int c = 0; c < columns; c++) {
                    largest[c] = Math.max(largest[c], Math.abs(matrix[r * columns + c]));
                }
            }
            return largest;
        }).reduce(new float[columns], (a, b) -> {
            float[] larger = new float[columns];
            for (int c = 0; c < columns; c++) {
                larger[c] = Math.max(a[c], b[c]);
            }
            return larger;
        });
    }

    /** Rows of about a million values: enough work to hand to another core. */
    private static int rowsPerBlock(int columns) {
        return Math.max(1, VALUES_PER_BLOCK / Math.max(1, columns));
    }

    private static int blocks(int rows, int rowsPerBlock) {
        return (rows + rowsPerBlock - 1) / rowsPerBlock;
    }

    /** The float32 values these levels stand for, row-major: what the rewritten graph computes with. */
    float[] dequantize() {
        float[] matrix = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            matrix[i] = values[i] * scale(i);
        }
        return matrix;
    }

    /** The scale of the value at row-major {@code index}. */
    float scale(int index) {
        return scales[perRow ? index / columns : index % columns];
    }
}
