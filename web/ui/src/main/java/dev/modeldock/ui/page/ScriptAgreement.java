package dev.modeldock.ui.page;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.validation.WritingSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Token-id agreement with the reference tokenizer on the probe texts of one writing system, as a
 * conversion's parity report states it ({@code parity.scripts}). Versions converted before the report
 * had this part have none: {@link #of} then gives an empty list.
 *
 * @param key           the report's key: {@code latin}, {@code cjk}, {@code emoji}...
 * @param texts         how many probe texts are in this writing system
 * @param tokenIdsAgree on how many of them the pipeline's token ids equalled the reference's
 * @param minCosine     the lowest cosine to the reference's vector among them; null for outputs
 *                      compared by difference
 * @param maxDifference the largest difference from the reference's score or label value among them;
 *                      null for vectors
 * @param reason        why token ids differ here, as the tokenizer plugin declares it (or that it does
 *                      not); null when they all agree or the version was converted before reasons
 */
public record ScriptAgreement(String key, int texts, int tokenIdsAgree, Double minCosine, Double maxDifference,
        String reason) {

    /** {@code Latin}, {@code CJK}; a key this release does not know is shown as stored. */
    public String label() {
        for (WritingSystem system : WritingSystem.values()) {
            if (system.key().equals(key)) {
                return system.label();
            }
        }
        return key;
    }

    public String agreement() {
        return tokenIdsAgree + " / " + texts;
    }

    public boolean allAgree() {
        return tokenIdsAgree == texts;
    }

    /** The figure the report compares by: the lowest cosine, else the largest difference. */
    public String closeness() {
        return minCosine != null ? String.format(Locale.ROOT, "%.6f", minCosine)
                : maxDifference != null ? String.format(Locale.ROOT, "%.2e", maxDifference) : "—";
    }

    /** The writing systems of a stored parity report, in its order; empty when it has none. */
    public static List<ScriptAgreement> of(JsonNode parity) {
        List<ScriptAgreement> scripts = new ArrayList<>();
        JsonNode stored = parity == null ? null : parity.get("scripts");
        if (stored != null && stored.isObject()) {
            stored.fields().forEachRemaining(field -> {
                JsonNode f = field.getValue();
                if (f.isObject()) {
                    scripts.add(new ScriptAgreement(field.getKey(), f.path("texts").asInt(),
                            f.path("tokenIdsAgree").asInt(), ValidationReport.number(f.get("minCosine")),
                            ValidationReport.number(f.get("maxAbsDifference")),
                            f.hasNonNull("reason") ? f.get("reason").asText() : null));
                }
            });
        }
        return scripts;
    }
}
