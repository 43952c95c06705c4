package dev.modeldock.benchmark;

import dev.modeldock.transform.WeightFormat;
import dev.modeldock.validation.QualityReport;
import java.io.PrintWriter;
import java.util.List;

/**
 * Prints {@link WeightFormatBenchmark}'s figures as one table, float32 first, and whether int8 meets
 * the targets of issue 12. A target missed is reported, not an error: the figures describe the
 * machine as much as the code.
 */
final class WeightFormatTable {
    /** int8 should embed at least this many times as fast as float32 ... */
    static final double INT8_SPEED_TARGET = 1.8;
    /** ... from a file at most this fraction of float32's size. */
    static final double INT8_SIZE_TARGET = 0.3;

    private WeightFormatTable() {
    }

    static void print(PrintWriter out, List<WeightFormatFigures> rows) {
        WeightFormatFigures float32 = rows.get(0);
        if (float32.format() != WeightFormat.FLOAT32) {
            throw new IllegalArgumentException("the table compares with float32, which must come first");
        }
        out.printf("%-8s %9s %9s %13s %9s %12s %11s   %s%n", "weights", "size MB", "x float32", "embeddings/s",
                "x float32", "mean cosine", "min cosine", "conversion's quality report (probes mean/min, top-1)");
        for (WeightFormatFigures row : rows) {
            out.printf("%-8s %9.1f %9.2f %13.1f %9.2f %12.6f %11.6f   %s%n", row.format().jsonName(), row.bytes() / 1e6,
                    row.sizeRatio(float32), row.embeddingsPerSecond(), row.speedRatio(float32), row.meanCosine(),
                    row.minCosine(), quality(row.quality()));
        }
        rows.stream().filter(row -> row.format() == WeightFormat.INT8).findFirst().ifPresent(int8 -> {
            double speed = int8.speedRatio(float32);
            double size = int8.sizeRatio(float32);
            out.printf("target: int8 at least %.1fx float32's speed: %s (%.2fx)%n", INT8_SPEED_TARGET,
                    verdict(speed >= INT8_SPEED_TARGET), speed);
            out.printf("target: int8 at most %.1fx float32's size: %s (%.2fx)%n", INT8_SIZE_TARGET,
                    verdict(size <= INT8_SIZE_TARGET), size);
        });
    }

    private static String quality(QualityReport quality) {
        if (quality == null) {
            return "-";
        }
        return String.format("%.6f / %.6f, %d of %d queries agree%s", quality.meanCosine(), quality.minCosine(),
                quality.top1Agreement(), quality.queries(), quality.passed() ? "" : " (below the gate)");
    }

    private static String verdict(boolean met) {
        return met ? "met" : "NOT met";
    }
}
