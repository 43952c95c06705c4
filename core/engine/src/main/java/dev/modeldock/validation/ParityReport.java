package dev.modeldock.validation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How closely an exported pipeline matches the reference, by kind of text: token-id agreement,
 * largest absolute difference and lowest cosine similarity; then token-id agreement and lowest cosine
 * by writing system ({@link WritingSystem}), which are reported and never decide the export.
 *
 * <p>An embedding passes on its ASCII probes' cosine. A score (a reranker's logit) has no direction,
 * and each of a classifier's per-label values counts on its own, so those pipelines pass on their
 * ASCII probes' largest absolute difference instead, and their reports leave cosine out.
 */
public final class ParityReport {
    /** Below this cosine on any ASCII probe, an export is refused. */
    public static final double MIN_ASCII_COSINE = 0.9999;
    /**
     * Above this difference between a pipeline's score and the reference's on any ASCII pair, an export
     * is refused. The graph runs the same float32 encoder on the same ids, so the two differ only by
     * the order of float additions: about 1e-6 on logits of magnitude 1 to 10. A wrong token or token
     * type moves a logit by far more than 1e-4.
     */
    public static final double MAX_ASCII_SCORE_DIFFERENCE = 1e-4;

    /** What a writing system's figures say when ids differ and the tokenizer plugin gives no reason. */
    static final String UNEXPLAINED = "not explained: the tokenizer plugin declares no known limit for this writing system";
    /** Why emoji may differ whatever the tokenizer: the host's own limit, unless the plugin says more. */
    static final String SURROGATES = "Java's ONNX Runtime binding passes characters above U+FFFF to the in-graph"
            + " tokenizer as surrogate pairs, which a database does not; these texts never decide an export";

    private final Map<ProbeText.Script, Tally> tallies = new EnumMap<>(ProbeText.Script.class);
    private final Map<WritingSystem, Tally> bySystem = new EnumMap<>(WritingSystem.class);
    private final Map<String, String> knownLimits;
    /** What the outputs compared are, which decides how they are compared. */
    private final Outputs outputs;
    /** Whether the outputs are compared value by value (decided by difference) rather than by cosine. */
    private final boolean scores;

    /** What a pipeline gives for each probe. */
    public enum Outputs {
        /** An embedding's vector for each text, compared by cosine. */
        VECTORS("texts", "cosine"),
        /** A reranker's score for each text pair, compared by absolute difference. */
        PAIR_SCORES("pairs", "the score"),
        /** A classifier's value for each label of each text, each compared by absolute difference. */
        LABEL_VALUES("texts", "a label's value");

        private final String probes;
        private final String compared;

        Outputs(String probes, String compared) {
            this.probes = probes;
            this.compared = compared;
        }
    }

    /**
     * An embedding's report.
     *
     * @param knownLimits the tokenizer's reasons by writing system key ({@code Tokenizer.knownLimits}),
     *                    printed beside a writing system whose token ids differ somewhere
     */
    public ParityReport(Map<String, String> knownLimits) {
        this(knownLimits, Outputs.VECTORS);
    }

    /** @param outputs what is compared: vectors by cosine, the others by {@link #MAX_ASCII_SCORE_DIFFERENCE} */
    public ParityReport(Map<String, String> knownLimits, Outputs outputs) {
        this.knownLimits = Map.copyOf(knownLimits);
        this.outputs = outputs;
        this.scores = outputs != Outputs.VECTORS;
    }

    void add(ProbeText probe, boolean idsAgree, double maxAbsDifference, double cosine) {
        tallies.computeIfAbsent(probe.script(), s -> new Tally()).add(probe.text(), idsAgree, maxAbsDifference, cosine);
        if (probe.script() == ProbeText.Script.SPECIAL_TOKENS) {
            return; // a special token's spelling says nothing about the writing system it is spelled in
        }
        bySystem.computeIfAbsent(probe.writingSystem(), s -> new Tally()).add(probe.text(), idsAgree, maxAbsDifference,
                cosine);
    }

    /** Whether every ASCII probe matched closely enough to export. */
    public boolean passed() {
        Tally ascii = tallies.get(ProbeText.Script.ASCII);
        return ascii != null && (scores ? ascii.maxAbsDifference <= MAX_ASCII_SCORE_DIFFERENCE
                : ascii.minCosine >= MIN_ASCII_COSINE);
    }

    /** What {@link #passed()} requires of the ASCII probes, for a refusal. */
    public String criterion() {
        return scores ? "max abs difference of " + outputs.compared + " above " + MAX_ASCII_SCORE_DIFFERENCE
                : "min cosine below " + MIN_ASCII_COSINE;
    }

    /**
     * Human-readable lines, one per kind of text, then the texts whose ids differed, then one per
     * writing system ({@code script Greek ...}).
     */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        tallies.forEach((script, tally) -> lines.add(String.format(
                "%-13s %2d %s: token ids agree on %d, max abs diff %.2e%s%s", script, tally.texts,
                outputs.probes, tally.idsAgree, tally.maxAbsDifference,
                scores ? "" : String.format(", min cosine %.6f", tally.minCosine), note(script))));
        tallies.forEach((script, tally) -> tally.differing.forEach(text ->
                lines.add("  ids differ (" + script + "): " + abbreviate(text))));
        bySystem.forEach((system, tally) -> lines.add(String.format(
                "script %-10s %2d texts: token ids agree on %d, %s%s", system.label(), tally.texts, tally.idsAgree,
                scores ? String.format("max abs diff %.2e", tally.maxAbsDifference)
                        : String.format("min cosine %.6f", tally.minCosine),
                reason(system, tally).map(reason -> " (" + reason + ")").orElse(""))));
        return lines;
    }

    /**
     * The figures as a JSON-ready map, keys in a fixed order (so that metadata holding it is the same
     * bytes in every run): {@code passed}, {@code minAsciiCosine}, each kind of text present, then
     * {@code scripts}: each writing system present, in {@link WritingSystem}'s order, with its
     * {@code texts}, {@code tokenIdsAgree} and {@code minCosine}, and, when the ids differ on any of
     * its texts, {@code reason}: the tokenizer's known limit, or {@value #UNEXPLAINED}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("passed", passed());
        if (scores) {
            map.put("maxAsciiScoreDifference", MAX_ASCII_SCORE_DIFFERENCE);
        } else {
            map.put("minAsciiCosine", MIN_ASCII_COSINE);
        }
        tallies.forEach((script, tally) -> {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("texts", tally.texts);
            figures.put("tokenIdsAgree", tally.idsAgree);
            figures.put("maxAbsDifference", tally.maxAbsDifference);
            if (!scores) {
                figures.put("minCosine", tally.minCosine);
            }
            figures.put("idsDiffer", List.copyOf(tally.differing));
            map.put(script.name().toLowerCase(java.util.Locale.ROOT), figures);
        });
        Map<String, Object> scripts = new LinkedHashMap<>();
        bySystem.forEach((system, tally) -> {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("texts", tally.texts);
            figures.put("tokenIdsAgree", tally.idsAgree);
            if (scores) {
                figures.put("maxAbsDifference", tally.maxAbsDifference);
            } else {
                figures.put("minCosine", tally.minCosine);
            }
            reason(system, tally).ifPresent(reason -> figures.put("reason", reason));
            scripts.put(system.key(), figures);
        });
        map.put("scripts", scripts);
        return map;
    }

    /** Why ids differ on this writing system, when they do: the tokenizer's known limit or "not explained". */
    private Optional<String> reason(WritingSystem system, Tally tally) {
        return tally.idsAgree == tally.texts ? Optional.empty()
                : Optional.of(knownLimits.getOrDefault(system.key(),
                        system == WritingSystem.EMOJI ? SURROGATES : UNEXPLAINED));
    }

    private static String note(ProbeText.Script script) {
        return switch (script) {
            case ASCII -> " (decides the export)";
            case NON_ASCII -> " (reported: see the writing systems below)";
            case SUPPLEMENTARY -> " (reported only: Java's binding passes these characters as surrogate pairs)";
            case SPECIAL_TOKENS -> " (reported only: Hugging Face reads a special token's spelling in text as that"
                    + " token, an in-graph tokenizer op may read it as plain text)";
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
