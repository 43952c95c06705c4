package dev.modeldock.validation;

import dev.modeldock.runtime.PipelineSession;
import dev.modeldock.transform.WeightFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Compares a pipeline whose weights were rewritten (int8, float16) with the float32 pipeline it came
 * from: cosine between their vectors for each probe text, and whether each retrieval query finds
 * the same document under both.
 */
public final class QualityCheck {
    private QualityCheck() {
    }

    /**
     * @param format    the rewritten pipeline's weight format, which sets the gate
     * @param float32      the pipeline before the rewrite
     * @param float32Bytes its size as one ONNX file (the file given may keep its weights in external data)
     * @param rewritten    the pipeline after it
     * @param waived    whether the user accepted a result below the gate; recorded in the report
     */
    public static QualityReport run(WeightFormat format, Path float32, long float32Bytes, Path rewritten,
            List<ProbeText> probes, RetrievalPairs pairs, boolean waived) throws IOException {
        // One session at a time: the float32 pipeline's vectors first, as the parity check does.
        List<float[]> expected;
        int[] referenceTop;
        try (PipelineSession reference = PipelineSession.openForCheck(float32, 0)) {
            expected = probes.stream().map(probe -> reference.embed(probe.text())).toList();
            referenceTop = topDocuments(reference, pairs);
        }
        double sum = 0;
        double min = 1;
        int[] candidateTop;
        try (PipelineSession candidate = PipelineSession.openForCheck(rewritten, 0)) {
            for (int i = 0; i < probes.size(); i++) {
                double cosine = ParityCheck.cosine(expected.get(i), candidate.embed(probes.get(i).text()));
                sum += cosine;
                min = Math.min(min, cosine);
            }
            candidateTop = topDocuments(candidate, pairs);
        }
        int agree = 0;
        int float32Hits = 0;
        int rewrittenHits = 0;
        for (int query = 0; query < pairs.size(); query++) {
            agree += referenceTop[query] == candidateTop[query] ? 1 : 0;
            float32Hits += referenceTop[query] == query ? 1 : 0;
            rewrittenHits += candidateTop[query] == query ? 1 : 0;
        }
        return new QualityReport(format, probes.size(), sum / probes.size(), min, pairs.size(), agree, float32Hits,
                rewrittenHits, float32Bytes, Files.size(rewritten), waived);
    }

    /** For each query, the index of the document closest to it by cosine (the first of equals). */
    private static int[] topDocuments(PipelineSession pipeline, RetrievalPairs pairs) {
        float[][] documents = pairs.documents().stream().map(pipeline::embed).toArray(float[][]::new);
        int[] top = new int[pairs.size()];
        for (int query = 0; query < pairs.size(); query++) {
            float[] vector = pipeline.embed(pairs.queries().get(query));
            double best = Double.NEGATIVE_INFINITY;
            for (int document = 0; document < documents.length; document++) {
                double cosine = ParityCheck.cosine(vector, documents[document]);
                if (cosine > best) {
                    best = cosine;
                    top[query] = document;
                }
            }
        }
        return top;
    }
}
