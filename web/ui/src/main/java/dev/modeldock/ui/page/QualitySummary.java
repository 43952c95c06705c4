package dev.modeldock.ui.page;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.service.Json;
import dev.modeldock.validation.QualityReport;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * What an int8 or float16 version's rewritten weights cost against the float32 pipeline of the same
 * model, as its stored validation report says ({@code validation.quality}), worded for the version page.
 */
public record QualitySummary(QualityReport report) {

    /** The stored figures, or null when there are none (a float32 version, an upload) or they do not read. */
    @SuppressWarnings("unchecked")
    public static QualitySummary of(JsonNode quality) {
        if (quality == null || !quality.isObject()) {
            return null;
        }
        try {
            return new QualitySummary(QualityReport.fromMap(Json.MAPPER.convertValue(quality, Map.class)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code int8} or {@code float16}. */
    public String weights() {
        return report.format().jsonName();
    }

    public boolean passed() {
        return report.passed();
    }

    /** Whether the user kept the version whatever the figures ({@code ignoreQualityGate}). */
    public boolean waived() {
        return report.waived();
    }

    public int texts() {
        return report.texts();
    }

    public String mean() {
        return String.format(Locale.ROOT, "%.4f", report.meanCosine());
    }

    public String min() {
        return String.format(Locale.ROOT, "%.4f", report.minCosine());
    }

    /** The gate as a condition, e.g. {@code mean cosine ≥ 0.98}. */
    public String gateCondition() {
        return "mean cosine ≥ " + BigDecimal.valueOf(report.format().minMeanCosine()).stripTrailingZeros()
                .toPlainString();
    }

    /** e.g. {@code 35 of 36 queries}. */
    public String agreement() {
        return report.top1Agreement() + " of " + report.queries() + " queries";
    }

    /** Each pipeline's own answers found, e.g. {@code float32 34, int8 33}. */
    public String answers() {
        return "float32 " + report.float32Top1Hits() + ", " + weights() + " " + report.top1Hits();
    }

    /** e.g. {@code 23.0 MB, 0.26 of float32's 90.4 MB}. */
    public String size() {
        return String.format(Locale.ROOT, "%s, %.2f of float32's %s", amount(report.bytes()),
                report.float32Bytes() > 0 ? report.sizeRatio() : 0, amount(report.float32Bytes()));
    }

    /** The verdict: {@code passed}, {@code below the gate, waived} or {@code below the gate}. */
    public String verdict() {
        return report.passed() ? "passed" : report.waived() ? "below the gate, waived" : "below the gate";
    }

    private static String amount(long bytes) {
        return bytes >= 1e9 ? String.format(Locale.ROOT, "%.2f GB", bytes / 1e9)
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
