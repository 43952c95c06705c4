package dev.modeldock.benchmark;

import dev.modeldock.transform.WeightFormat;
import dev.modeldock.validation.QualityReport;

/**
 * One weight format's figures in {@link WeightFormatBenchmark}.
 *
 * @param bytes               the pipeline file's size
 * @param embeddingsPerSecond batch 1, one thread, median round
 * @param meanCosine          mean cosine against the float32 pipeline's vectors on the benchmark's texts
 * @param minCosine           the lowest of those cosines
 * @param quality             the conversion's own report against float32 (probe texts, retrieval
 *                            agreement); null for float32
 */
record WeightFormatFigures(WeightFormat format, long bytes, double embeddingsPerSecond, double meanCosine,
        double minCosine, QualityReport quality) {

    double sizeRatio(WeightFormatFigures float32) {
        return (double) bytes / float32.bytes;
    }

    double speedRatio(WeightFormatFigures float32) {
        return embeddingsPerSecond / float32.embeddingsPerSecond;
    }
}
