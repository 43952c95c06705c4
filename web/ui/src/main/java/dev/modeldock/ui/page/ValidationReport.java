package dev.modeldock.ui.page;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A version's stored validation report, read for the pages: the parity figures of a conversion by
 * kind of text (the texts whose token ids differed included) and by writing system, an int8 or float16 conversion's quality
 * against float32, what its size means for Oracle, and an upload's metadata warnings.
 *
 * @param passed       whether every ASCII text matched closely enough to export; null for an upload
 * @param minCosine    the lowest ASCII cosine an export accepts; null for an upload and for a report
 *                     decided by difference
 * @param maxDifference the largest ASCII difference a reranker's score or a classifier's value may
 *                     have from the reference (reports decided by difference); null otherwise
 * @param scripts      token-id agreement by writing system; empty for an upload and for versions
 *                     converted before the report had it
 * @param embeddingWidth the vector's width; null when not recorded
 * @param runtime      what loading it in ONNX Runtime showed, for an upload; null otherwise
 * @param quality      the rewritten weights' figures against float32; null for float32 and uploads
 * @param sizeNotes    what the file's size means for Oracle (a release that refuses it, a hint to quantize)
 */
public record ValidationReport(Boolean passed, Double minCosine, Double maxDifference, List<Parity> parity,
        List<ScriptAgreement> scripts,
        Integer embeddingWidth,
        String runtime, List<String> warnings, QualitySummary quality, List<String> sizeNotes) {

    /**
     * The figures for one kind of text ({@code ascii}, {@code non_ascii}, {@code supplementary},
     * {@code special_tokens}).
     */
    public record Parity(String script, int texts, int tokenIdsAgree, double maxAbsDifference, Double minCosine,
            List<String> idsDiffer) {

        public String label() {
            return switch (script) {
                case "ascii" -> "ASCII";
                case "non_ascii" -> "Non-ASCII";
                case "supplementary" -> "Outside the BMP";
                case "special_tokens" -> "Special-token spellings";
                default -> script;
            };
        }

        public String agreement() {
            return tokenIdsAgree + " / " + texts;
        }

        /** The lowest cosine, or a dash for outputs compared by difference (scores, label values). */
        public String cosine() {
            return minCosine == null ? "—" : String.format(Locale.ROOT, "%.6f", minCosine);
        }

        public String difference() {
            return String.format(Locale.ROOT, "%.2e", maxAbsDifference);
        }
    }

    /** Reads the stored report; a version without one has an empty report. */
    public static ValidationReport of(JsonNode validation) {
        if (validation == null || !validation.isObject()) {
            return new ValidationReport(null, null, null, List.of(), List.of(), null, null, List.of(), null, List.of());
        }
        JsonNode parity = validation.path("parity");
        List<Parity> figures = new ArrayList<>();
        parity.fields().forEachRemaining(field -> {
            JsonNode f = field.getValue();
            if (f.isObject() && !field.getKey().equals("scripts")) { // the writing systems are read apart
                List<String> differ = new ArrayList<>();
                f.path("idsDiffer").forEach(text -> differ.add(text.asText()));
                figures.add(new Parity(field.getKey(), f.path("texts").asInt(), f.path("tokenIdsAgree").asInt(),
                        f.path("maxAbsDifference").asDouble(), number(f.get("minCosine")), differ));
            }
        });
        List<String> warnings = new ArrayList<>();
        validation.path("metadata").path("warnings").forEach(w -> warnings.add(w.path("field").asText() + ": "
                + w.path("message").asText()));
        List<String> sizeNotes = new ArrayList<>();
        // The engine words them for a log line; on the page each is a sentence of its own.
        validation.path("sizeNotes").forEach(note -> sizeNotes.add(note.asText().isEmpty() ? ""
                : note.asText().substring(0, 1).toUpperCase(Locale.ROOT) + note.asText().substring(1)));
        return new ValidationReport(parity.has("passed") ? parity.path("passed").asBoolean() : null,
                number(parity.get("minAsciiCosine")), number(parity.get("maxAsciiScoreDifference")), figures,
                ScriptAgreement.of(parity),
                validation.path("embeddingWidth").canConvertToInt() && validation.path("embeddingWidth").asInt() > 0
                        ? validation.path("embeddingWidth").asInt() : null,
                validation.path("runtime").isTextual() ? validation.path("runtime").asText() : null, warnings,
                QualitySummary.of(validation.get("quality")), sizeNotes);
    }

    /** Whether outputs were compared by difference (a reranker's score, a classifier's values), not cosine. */
    public boolean byDifference() {
        return maxDifference != null;
    }

    static Double number(JsonNode value) {
        return value != null && value.isNumber() ? value.asDouble() : null;
    }

    /** The agreement for a writing system ({@code greek}), or null when the report has none. */
    public ScriptAgreement writingSystem(String key) {
        return scripts.stream().filter(s -> s.key().equals(key)).findFirst().orElse(null);
    }

    /** The figures for {@code script}, or null when the report has none. */
    public Parity figures(String script) {
        return parity.stream().filter(p -> p.script().equals(script)).findFirst().orElse(null);
    }
}
