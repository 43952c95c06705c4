package dev.modeldock.ui.page;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * What an int8 or float16 version's rewritten weights cost against the float32 pipeline of the same
 * model, as its stored validation report says ({@code validation.quality}, the engine's
 * {@code QualityReport.toMap()}), worded for the version page.
 *
 * @param weights         {@code int8} or {@code float16}
 * @param passed          whether the mean cosine met the gate
 * @param waived          whether the user kept the version whatever the figures ({@code ignoreQualityGate})
 * @param gate            the lowest mean cosine the gate lets through
 * @param texts           probe texts compared
 * @param queries         retrieval queries asked of both pipelines
 * @param top1Agreement   queries whose closest document was the same under both
 * @param float32Top1Hits queries whose closest document under float32 was their own answer
 * @param top1Hits        the same under the rewritten weights
 */
public record QualitySummary(String weights, boolean passed, boolean waived, double gate, int texts,
        double meanCosine, double minCosine, int queries, int top1Agreement, int float32Top1Hits, int top1Hits,
        long float32Bytes, long bytes) {

    /** The stored figures, or null when there are none (a float32 version, an upload). */
    public static QualitySummary of(JsonNode quality) {
        if (quality == null || !quality.isObject()) {
            return null;
        }
        return new QualitySummary(quality.path("weights").asText("?"), quality.path("passed").asBoolean(),
                quality.path("waived").asBoolean(), quality.path("minMeanCosine").asDouble(),
                quality.path("texts").asInt(), quality.path("meanCosine").asDouble(),
                quality.path("minCosine").asDouble(), quality.path("queries").asInt(),
                quality.path("top1Agreement").asInt(), quality.path("float32Top1Hits").asInt(),
                quality.path("top1Hits").asInt(), quality.path("float32Bytes").asLong(),
                quality.path("bytes").asLong());
    }

    public String mean() {
        return String.format(Locale.ROOT, "%.4f", meanCosine);
    }

    public String min() {
        return String.format(Locale.ROOT, "%.4f", minCosine);
    }

    /** The gate as a condition, e.g. {@code mean cosine ≥ 0.98}. */
    public String gateCondition() {
        return String.format(Locale.ROOT, "mean cosine ≥ %s", trimmed(gate));
    }

    /** e.g. {@code 35 of 36 queries}. */
    public String agreement() {
        return top1Agreement + " of " + queries + " queries";
    }

    /** Each pipeline's own answers found, e.g. {@code float32 34, int8 33}. */
    public String answers() {
        return "float32 " + float32Top1Hits + ", " + weights + " " + top1Hits;
    }

    /** e.g. {@code 23.0 MB, 0.26 of float32's 90.4 MB}. */
    public String size() {
        return String.format(Locale.ROOT, "%s, %.2f of float32's %s", amount(bytes),
                float32Bytes > 0 ? (double) bytes / float32Bytes : 0, amount(float32Bytes));
    }

    /** The verdict: {@code passed}, {@code below the gate, waived} or {@code below the gate}. */
    public String verdict() {
        return passed ? "passed" : waived ? "below the gate, waived" : "below the gate";
    }

    private static String amount(long bytes) {
        return bytes >= 1e9 ? String.format(Locale.ROOT, "%.2f GB", bytes / 1e9)
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static String trimmed(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
