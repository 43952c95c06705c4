package dev.modeldock.validation;

import dev.modeldock.plan.PipelineFunction;
import dev.modeldock.plan.PipelinePlan;
import dev.modeldock.runtime.PipelineSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs a built pipeline and the reference on the same texts and reports how far apart they are. */
public final class ParityCheck {
    private ParityCheck() {
    }

    /**
     * The reference runs first and is closed before the pipeline opens: each holds the model's weights
     * in ONNX Runtime (about 1.35 times the model), so one at a time halves what a large model needs.
     *
     * @param pipeline      the exported pipeline file
     * @param tokenizerOnly the same tokenizer nodes alone, returning token ids
     * @throws dev.modeldock.plugin.ModelDockException when do_lower_case contradicts the model's
     *         tokenizer, before any probe text runs
     */
    public static ParityReport run(PipelinePlan plan, Path pipeline, Path tokenizerOnly, List<ProbeText> probes) {
        ParityReport report = new ParityReport(plan.tokenizer().knownLimits(plan.model().folder(),
                plan.tokenizerOptions()), plan.function() == PipelineFunction.CLASSIFICATION
                ? ParityReport.Outputs.LABEL_VALUES : ParityReport.Outputs.VECTORS);
        List<ProbeText> all = new ArrayList<>(probes);
        plan.model().specialTokens().forEach(token -> all.add(ProbeText.withSpecialToken(token)));
        List<Boolean> idsAgree = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        try (PipelineSession graphTokenizer = PipelineSession.open(tokenizerOnly, 1);
                ReferenceEmbedder reference = ReferenceEmbedder.open(plan, 0)) {
            CaseAgreement.require(plan.config().doLowerCase(), graphTokenizer, reference);
            for (ProbeText probe : all) {
                idsAgree.add(Arrays.equals(graphTokenizer.tokenIds(probe.text()), reference.tokenIds(probe.text())));
                expected.add(reference.embed(probe.text()));
            }
        }
        try (PipelineSession graph = PipelineSession.openForCheck(pipeline, 0)) {
            for (int i = 0; i < all.size(); i++) {
                float[] actual = graph.embed(all.get(i).text());
                report.add(all.get(i), idsAgree.get(i), maxAbsDifference(actual, expected.get(i)),
                        cosine(actual, expected.get(i)));
            }
        }
        return report;
    }

    /**
     * A pair pipeline (a reranker) against the reference on each pair: the pair tokenizer's ids and the
     * score, decided by the largest score difference on ASCII pairs. The reference runs first, as in
     * {@link #run}.
     *
     * @param tokenizerOnly the same pair tokenizer nodes alone, returning token ids
     */
    public static ParityReport runPairs(PipelinePlan plan, Path pipeline, Path tokenizerOnly,
            List<ProbePairs.Pair> pairs) {
        ParityReport report = new ParityReport(plan.tokenizer().knownLimits(plan.model().folder(),
                plan.tokenizerOptions()), ParityReport.Outputs.PAIR_SCORES);
        List<Boolean> idsAgree = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        try (PipelineSession graphTokenizer = PipelineSession.open(tokenizerOnly, 1);
                ReferenceEmbedder reference = ReferenceEmbedder.open(plan, 0)) {
            for (ProbePairs.Pair pair : pairs) {
                idsAgree.add(Arrays.equals(graphTokenizer.tokenIds(pair.first(), pair.second()),
                        reference.tokenIds(pair.first(), pair.second())));
                expected.add(reference.score(pair.first(), pair.second()));
            }
        }
        try (PipelineSession graph = PipelineSession.openForCheck(pipeline, 0)) {
            for (int i = 0; i < pairs.size(); i++) {
                ProbePairs.Pair pair = pairs.get(i);
                report.add(pair.asProbe(), idsAgree.get(i), maxAbsDifference(graph.score(pair.first(), pair.second()),
                        expected.get(i)), Double.NaN);
            }
        }
        return report;
    }

    static double maxAbsDifference(float[] a, float[] b) {
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** Cosine similarity; two zero vectors count as identical, vectors of different sizes as opposite (-1). */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            return -1;
        }
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            normA += (double) a[i] * a[i];
            normB += (double) b[i] * b[i];
        }
        if (normA == 0 || normB == 0) {
            return normA == normB ? 1 : 0;
        }
        return dot / Math.sqrt(normA * normB);
    }
}
