package dev.modeldock.conversion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.config.Settings;
import dev.modeldock.runtime.PipelineSession;
import dev.modeldock.testkit.DenseModule;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.TokenEmbeddings;
import dev.modeldock.testkit.plugin.Plugins;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each post-processor inside an exported MiniLM pipeline against the same step computed here, by
 * hand, from the raw encoder's token embeddings.
 */
class PostProcessorNumericsTest {
    static final List<String> TEXTS = List.of("Vector search finds similar documents.",
            "How tall is Mount Everest?", "x");
    static final double TOLERANCE = 2e-5;

    @TempDir
    static Path work;
    static Path hubFolder;
    static TokenEmbeddings tokens;

    @BeforeAll
    static void layOutModel() throws Exception {
        hubFolder = MiniLmHubFolder.create(work.resolve("hub"));
        tokens = new TokenEmbeddings(hubFolder, 256);
    }

    @AfterAll
    static void closeEncoder() throws Exception {
        tokens.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mean", "max", "cls"})
    void poolingInsideThePipelineEqualsPoolingByHand(String type) throws Exception {
        Path pipeline = export("pooling_" + type, List.of(Map.of("name", "Pooling", "type", type)));
        try (PipelineSession session = PipelineSession.open(pipeline, 1)) {
            for (String text : TEXTS) {
                assertArrayEquals(pool(tokens.of(text), type), session.embed(text), (float) TOLERANCE, type + ": " + text);
            }
        }
    }

    @Test
    void normalizeInsideThePipelineGivesTheUnitVectorOfTheMean() throws Exception {
        Path pipeline = export("normalized", List.of(Map.of("name", "Pooling"), Map.of("name", "Normalize")));
        try (PipelineSession session = PipelineSession.open(pipeline, 1)) {
            for (String text : TEXTS) {
                float[] mean = pool(tokens.of(text), "mean");
                double norm = Math.sqrt(MiniLmExportTest.dot(mean, mean));
                float[] expected = new float[mean.length];
                for (int i = 0; i < mean.length; i++) {
                    expected[i] = (float) (mean[i] / norm);
                }
                assertArrayEquals(expected, session.embed(text), (float) TOLERANCE, text);
            }
        }
    }

    @Test
    void denseInsideThePipelineEqualsTanhOfWeightsTimesPooledPlusBias() throws Exception {
        DenseModule dense = DenseModule.random(384, 48, 7L);
        dense.writeInto(hubFolder);
        Path pipeline = export("dense", List.of(Map.of("name", "Pooling", "type", "mean"),
                Map.of("name", "Dense", "in_features", 384, "out_features", 48, "bias", true,
                        "activation_function", "Tanh")));
        try (PipelineSession session = PipelineSession.open(pipeline, 1)) {
            for (String text : TEXTS) {
                float[] actual = session.embed(text);
                assertEquals(48, actual.length);
                assertArrayEquals(dense.apply(pool(tokens.of(text), "mean")), actual, (float) TOLERANCE, text);
            }
        }
    }

    private static Path export(String name, List<Map<String, Object>> postProcessors) throws Exception {
        EmbeddingModelConfig config = EmbeddingModelConfig.fromTemplate("text",
                Map.of("max_seq_length", 256, "post_processors", postProcessors));
        Path out = work.resolve("out");
        new EmbeddingModel(hubFolder.toString(), config, Settings.defaults(), Plugins.builtIn())
                .exportToFile(name, out, (stage, fraction) -> { });
        return out.resolve(name + ".onnx");
    }

    /** sentence-transformers' pooling over an unpadded sequence. */
    static float[] pool(float[][] rows, String type) {
        float[] pooled = new float[rows[0].length];
        for (int i = 0; i < pooled.length; i++) {
            double mean = 0;
            float max = Float.NEGATIVE_INFINITY;
            for (float[] row : rows) {
                mean += row[i];
                max = Math.max(max, row[i]);
            }
            pooled[i] = switch (type) {
                case "mean" -> (float) (mean / rows.length);
                case "max" -> max;
                default -> rows[0][i];
            };
        }
        return pooled;
    }
}
