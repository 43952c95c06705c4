package dev.modeldock.validation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How closely an exported pipeline matches the reference, by kind of text: token-id agreement,
 * largest absolute difference and lowest cosine similarity.
 */
public final class ParityReport {
    /** Below this cosine on any ASCII probe, an export is refused. */
    public static final double MIN_ASCII_COSINE = 0.9999;

    private final Map<ProbeText.Script, Tally> tallies = new EnumMap<>(ProbeText.Script.class);

    void add(ProbeText probe, boolean idsAgree, double maxAbsDifference, double cosine) {
        tallies.computeIfAbsent(probe.script(), s -> new Tally()).add(probe.text(), idsAgree, maxAbsDifference, cosine);
    }

    /** Whether every ASCII probe matched closely enough to export. */
    public boolean passed() {
        Tally ascii = tallies.get(ProbeText.Script.ASCII);
        return ascii != null && ascii.minCosine >= MIN_ASCII_COSINE;
    }

    /** Human-readable lines, one per kind of text, then the texts whose ids differed. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        tallies.forEach((script, tally) -> lines.add(String.format(
                "%-13s %2d texts: token ids agree on %d, max abs diff %.2e, min cosine %.6f%s", script, tally.texts,
                tally.idsAgree, tally.maxAbsDifference, tally.minCosine, note(script))));
        tallies.forEach((script, tally) -> tally.differing.forEach(text ->
                lines.add("  ids differ (" + script + "): " + abbreviate(text))));
        return lines;
    }

    /**
     * The figures as a JSON-ready map, keys in a fixed order (so that metadata holding it is the same
     * bytes in every run).
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("passed", passed());
        map.put("minAsciiCosine", MIN_ASCII_COSINE);
        tallies.forEach((script, tally) -> {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("texts", tally.texts);
            figures.put("tokenIdsAgree", tally.idsAgree);
            figures.put("maxAbsDifference", tally.maxAbsDifference);
            figures.put("minCosine", tally.minCosine);
            figures.put("idsDiffer", List.copyOf(tally.differing));
            map.put(script.name().toLowerCase(java.util.Locale.ROOT), figures);
        });
        return map;
    }

    private static String note(ProbeText.Script script) {
        return switch (script) {
            case ASCII -> " (decides the export)";
            case NON_ASCII -> " (reported: the in-graph tokenizer's Unicode handling differs from Hugging Face's)";
            case SUPPLEMENTARY -> " (reported only: Java's binding passes these characters as surrogate pairs)";
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    private static final class Tally {
        int texts;
        int idsAgree;
        double maxAbsDifference;
        double minCosine = 1;
        final List<String> differing = new ArrayList<>();

        void add(String text, boolean agree, double maxAbs, double cosine) {
            texts++;
            if (agree) {
                idsAgree++;
            } else {
                differing.add(text);
            }
            maxAbsDifference = Math.max(maxAbsDifference, maxAbs);
            minCosine = Math.min(minCosine, cosine);
        }
    }
}
