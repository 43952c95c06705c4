package dev.modeldock.validation;

import dev.modeldock.transform.WeightFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What rewriting a pipeline's weights cost, measured against the float32 pipeline of the same model:
 * the quality loss every int8 or float16 version states.
 *
 * @param format           the rewritten pipeline's weight format
 * @param texts            probe texts compared
 * @param meanCosine       mean cosine between the two pipelines' vectors over the probe texts
 * @param minCosine        the lowest of those cosines
 * @param queries          retrieval queries asked of both
 * @param top1Agreement    queries whose closest document was the same under both
 * @param float32Top1Hits  queries whose closest document under float32 was their own answer
 * @param top1Hits         the same under the rewritten pipeline
 * @param float32Bytes     the float32 pipeline's file size
 * @param bytes            the rewritten pipeline's file size
 * @param waived           whether the user accepted the result below the gate ({@code ignore_quality_gate})
 */
public record QualityReport(WeightFormat format, int texts, double meanCosine, double minCosine, int queries,
        int top1Agreement, int float32Top1Hits, int top1Hits, long float32Bytes, long bytes, boolean waived) {

    /** Whether the mean cosine meets the format's gate. */
    public boolean passed() {
        return meanCosine >= format.minMeanCosine();
    }

    /** The rewritten file's size as a fraction of the float32 one's. */
    public double sizeRatio() {
        return (double) bytes / float32Bytes;
    }

    /** One line for logs and the command line. */
    public String describe() {
        return String.format(Locale.ROOT, "%s against float32 on %d texts: mean cosine %.6f, min %.6f; top-1 retrieval"
                + " agrees on %d of %d queries (answers found: float32 %d, %s %d); %.1f MB, %.2f of float32's %.1f MB",
                format.jsonName(), texts, meanCosine, minCosine, top1Agreement, queries, float32Top1Hits,
                format.jsonName(), top1Hits, bytes / 1e6, sizeRatio(), float32Bytes / 1e6);
    }

    /** Why a result below the gate is refused, and how to take it anyway. */
    public String refusal() {
        return String.format(Locale.ROOT, "the %s pipeline's vectors are too far from the float32 pipeline's: mean"
                + " cosine %.4f on %d probe texts is below the %s gate of %.3f (min %.4f; top-1 retrieval agrees on %d"
                + " of %d queries), so search results would change noticeably; export without %s, or set"
                + " ignore_quality_gate (--ignore-quality-gate) to accept the loss, which the version will record",
                format.jsonName(), meanCosine, texts, format.jsonName(), format.minMeanCosine(), minCosine,
                top1Agreement, queries, format.property());
    }

    /**
     * The report from its JSON form, as a version stores it.
     *
     * @throws IllegalArgumentException when a figure is missing or of the wrong kind
     */
    public static QualityReport fromMap(Map<String, ?> map) {
        try {
            return new QualityReport(WeightFormat.fromJsonName((String) map.get("weights")),
                    number(map, "texts").intValue(), number(map, "meanCosine").doubleValue(),
                    number(map, "minCosine").doubleValue(), number(map, "queries").intValue(),
                    number(map, "top1Agreement").intValue(), number(map, "float32Top1Hits").intValue(),
                    number(map, "top1Hits").intValue(), number(map, "float32Bytes").longValue(),
                    number(map, "bytes").longValue(), Boolean.TRUE.equals(map.get("waived")));
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("not a quality report: " + map, e);
        }
    }

    private static Number number(Map<String, ?> map, String key) {
        if (map.get(key) instanceof Number number) {
            return number;
        }
        throw new IllegalArgumentException("quality report without a number '" + key + "': " + map);
    }

    /** The figures as a JSON-ready map in a fixed key order. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("weights", format.jsonName());
        map.put("passed", passed());
        map.put("minMeanCosine", format.minMeanCosine());
        map.put("waived", waived);
        map.put("texts", texts);
        map.put("meanCosine", meanCosine);
        map.put("minCosine", minCosine);
        map.put("queries", queries);
        map.put("top1Agreement", top1Agreement);
        map.put("float32Top1Hits", float32Top1Hits);
        map.put("top1Hits", top1Hits);
        map.put("float32Bytes", float32Bytes);
        map.put("bytes", bytes);
        return map;
    }
}
