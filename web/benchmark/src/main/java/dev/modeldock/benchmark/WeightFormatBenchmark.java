package dev.modeldock.benchmark;

import dev.modeldock.artifact.Artifact;
import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.conversion.Conversion;
import dev.modeldock.host.Extensions;
import dev.modeldock.runtime.PipelineSession;
import dev.modeldock.source.ModelSource;
import dev.modeldock.transform.WeightFormat;
import dev.modeldock.validation.ParityCheck;
import dev.modeldock.validation.QualityReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One model converted with float32, int8 ({@code quantize_model}) and float16 ({@code use_float16})
 * weights and measured side by side: file size, embeddings per second at batch 1 on one thread, and
 * how close each format's vectors stay to float32's on the same texts.
 */
final class WeightFormatBenchmark {
    private final ModelSource source;
    private final EmbeddingModelConfig configuration;
    private final Extensions extensions;
    private final int rounds;

    /**
     * @param configuration the conversion's configuration; its weight properties are set per format
     * @param rounds        timed rounds over the texts per format; the median is kept
     */
    WeightFormatBenchmark(ModelSource source, EmbeddingModelConfig configuration, Extensions extensions, int rounds) {
        this.source = source;
        this.configuration = configuration;
        this.extensions = extensions;
        this.rounds = Math.max(1, rounds);
    }

    /** The figures of each format, float32 first. */
    List<WeightFormatFigures> run(List<String> texts) throws Exception {
        List<Artifact> artifacts = new ArrayList<>();
        List<PipelineSession> pipelines = new ArrayList<>();
        try {
            for (WeightFormat format : WeightFormat.values()) {
                Artifact artifact = Conversion.run(source, configuration.with(properties(format)), extensions,
                        (stage, fraction) -> { });
                artifacts.add(artifact);
                pipelines.add(PipelineSession.open(artifact.file(), 1));
            }
            List<Throughput> speeds = new ArrayList<>();
            for (PipelineSession pipeline : pipelines) {
                speeds.add(Throughput.warmedUp(texts, pipeline::embed));
            }
            // Rounds take turns between the formats, so that a burst of other work on the machine
            // slows one round of each rather than every round of one.
            for (int round = 0; round < rounds; round++) {
                for (Throughput speed : speeds) {
                    speed.round();
                }
            }
            List<float[]> float32Vectors = texts.stream().map(pipelines.get(0)::embed).toList();
            List<WeightFormatFigures> figures = new ArrayList<>();
            for (int i = 0; i < artifacts.size(); i++) {
                Artifact artifact = artifacts.get(i);
                double[] cosines = cosines(float32Vectors, texts, pipelines.get(i));
                QualityReport quality = artifact.provenance().quality();
                figures.add(new WeightFormatFigures(WeightFormat.values()[i], artifact.sizeBytes(),
                        speeds.get(i).medianPerSecond(), mean(cosines), min(cosines), quality));
            }
            return figures;
        } finally {
            pipelines.forEach(PipelineSession::close);
            artifacts.forEach(Artifact::close);
        }
    }

    private static Map<String, Boolean> properties(WeightFormat format) {
        return Map.of("quantize_model", format == WeightFormat.INT8, "use_float16", format == WeightFormat.FLOAT16);
    }

    private static double[] cosines(List<float[]> float32Vectors, List<String> texts, PipelineSession pipeline) {
        double[] cosines = new double[texts.size()];
        for (int i = 0; i < cosines.length; i++) {
            cosines[i] = ParityCheck.cosine(float32Vectors.get(i), pipeline.embed(texts.get(i)));
        }
        return cosines;
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }
}
