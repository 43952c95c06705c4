package dev.modeldock.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.modeldock.config.Settings;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.runtime.PipelineSession;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import dev.modeldock.testkit.onnx.OnnxGraph;
import dev.modeldock.testkit.onnx.SmallModels;
import dev.modeldock.testkit.plugin.Plugins;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The playground's service: texts embedded with an uploaded embedding model's pipeline in the
 * isolated worker, described by size, norm and pairwise cosine, within its limits.
 */
class PlaygroundServiceTest {
    @TempDir
    static Path dataDir;
    @TempDir
    static Path files;
    static Services services;
    static Path embedder;

    @BeforeAll
    static void open() throws Exception {
        ServiceConfig config = new ServiceConfig();
        config.dataDir = dataDir;
        config.secrets.adminToken = "playground-test-admin-token";
        services = Services.open(config, Plugins.builtIn(), Settings.defaults(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        embedder = OnnxFixtures.write(SmallModels.embedder(List.of(OnnxGraph.tensor("input", DataType.STRING,
                SmallModels.BATCH)), "embedding", DataType.FLOAT, SmallModels.BATCH, 8), files.resolve("embedder.onnx"));
        services.models().create("small-embedder", null, null, "tester");
        services.versions().upload("small-embedder", file -> Files.copy(embedder, file), "embedder.onnx",
                "{\"function\": \"embedding\"}", 26, "tester");
        Path regressor = OnnxFixtures.write(SmallModels.featureRegressor(), files.resolve("regressor.onnx"));
        services.models().create("small-regressor", null, null, "tester");
        services.versions().upload("small-regressor", file -> Files.copy(regressor, file), "regressor.onnx",
                SmallModels.FEATURE_REGRESSOR_METADATA, 26, "tester");
    }

    @AfterAll
    static void close() {
        services.close();
    }

    @Test
    void textsAreEmbeddedWithTheVersionsPipelineAndDescribedBySizeNormAndCosine() throws Exception {
        List<String> texts = List.of("a cat sat on the mat", "stock prices fell", "");
        PlaygroundService.Result result = services.playground().embed("small-embedder", "1", texts);

        assertEquals(1, result.version().number());
        try (PipelineSession reference = PipelineSession.open(embedder, 1)) {
            for (int i = 0; i < texts.size(); i++) {
                float[] vector = reference.embed(texts.get(i));
                PlaygroundService.Embedded embedded = result.texts().get(i);
                assertEquals(texts.get(i), embedded.text());
                assertEquals(vector.length, embedded.dimensions());
                assertEquals(PlaygroundService.norm(vector), embedded.norm(), 1e-9);
            }
        }
        assertEquals(3, result.cosine().length);
        for (double[] row : result.cosine()) {
            for (double cosine : row) {
                assertEquals(1.0, cosine, 1e-6, "this model gives every text the same vector");
            }
        }
        try (Stream<Path> unpacked = Files.list(services.workDir().resolve("playground"))) {
            assertEquals(List.of(result.version().artifactSha256() + ".onnx"),
                    unpacked.map(f -> f.getFileName().toString()).toList(), "the artifact unpacked once, by content");
        }
        assertEquals(result.texts(), services.playground().embed("small-embedder", "1", texts).texts(),
                "the worker's kept pipeline answers alike the second time");
    }

    @Test
    void cosineOfOrthogonalAndOpposedVectorsIsZeroAndMinusOneAndNaNForAZeroVector() {
        double[][] cosine = PlaygroundService.cosines(List.of(new float[] {1, 0}, new float[] {0, 2},
                new float[] {-3, 0}, new float[] {0, 0}));
        assertEquals(0.0, cosine[0][1], 1e-12);
        assertEquals(-1.0, cosine[0][2], 1e-12);
        assertEquals(1.0, cosine[1][1], 1e-12);
        assertTrue(Double.isNaN(cosine[0][3]));
    }

    @Test
    void tooManyTooLongOrNoTextsAreRefusedNamingTheLimit() {
        ModelDockException many = assertThrows(ModelDockException.class, () -> services.playground().embed(
                "small-embedder", "1", Collections.nCopies(PlaygroundService.MAX_TEXTS + 1, "text")));
        assertEquals("the playground embeds at most 16 texts at a time, not 17", many.getMessage());
        ModelDockException longText = assertThrows(ModelDockException.class, () -> services.playground().embed(
                "small-embedder", "1", List.of("short", "x".repeat(PlaygroundService.MAX_CHARS + 1))));
        assertEquals("field 'text 2' is 2001 characters long; at most 2000 are allowed", longText.getMessage());
        ModelDockException none = assertThrows(ModelDockException.class, () -> services.playground().embed(
                "small-embedder", "1", List.of()));
        assertEquals("type at least one text to embed", none.getMessage());
    }

    @Test
    void aVersionThatIsNoEmbeddingModelIsRefusedSayingWhatItIs() {
        ModelDockException refused = assertThrows(ModelDockException.class, () -> services.playground().embed(
                "small-regressor", "1", List.of("text")));
        assertEquals("model small-regressor version 1 is a regression model; the playground embeds texts with"
                + " embedding models only", refused.getMessage());
    }
}
