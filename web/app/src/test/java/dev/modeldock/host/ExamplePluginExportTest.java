package dev.modeldock.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.artifact.Artifact;
import dev.modeldock.compat.OracleRuntime;
import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.config.Settings;
import dev.modeldock.conversion.EmbeddingModel;
import dev.modeldock.metadata.CheckContext;
import dev.modeldock.metadata.MetadataChecker;
import dev.modeldock.metadata.MetadataProblem;
import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.runtime.PipelineSession;
import dev.modeldock.service.Json;
import dev.modeldock.source.ModelSource;
import dev.modeldock.testkit.MiniLmHubFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example third-party plugin (plugins/examples/truncate, built from its own pom against the
 * published plugin API) in a real export: its zip, as its build packs it, dropped in an extra plugin
 * folder beside the built-ins, gives a Matryoshka-truncated MiniLM whose vectors are the full model's
 * first values re-normalised, on this runtime and on Oracle 23ai's.
 */
class ExamplePluginExportTest {
    private static final int DIMENSIONS = 128;
    private static final List<String> TEXTS = List.of("Vector search lives next to the rows it describes.",
            "Καλημέρα κόσμε, 東京は晴れです", "word ".repeat(300).trim());

    @TempDir
    static Path work;
    static Extensions plugins;
    static Path truncated;
    static Path full;
    static String truncatedMetadata;
    static JsonNode provenance;

    @BeforeAll
    static void exportMiniLmWithAndWithoutTruncate() throws Exception {
        Path examples = Path.of(System.getProperty("modeldock.example.plugins.dir"));
        plugins = Extensions.load(PluginSources.fromSystem().withFolder(examples));
        Path hub = MiniLmHubFolder.create(work.resolve("hub"));
        Map<String, Object> pooling = Map.of("name", "Pooling", "type", "mean");
        EmbeddingModelConfig withTruncate = EmbeddingModelConfig.fromTemplate("text", Map.of("max_seq_length", 256, "post_processors",
                List.of(pooling, Map.of("name", "Truncate", "dimensions", DIMENSIONS))));
        EmbeddingModelConfig withNormalize = EmbeddingModelConfig.fromTemplate("text", Map.of("max_seq_length", 256, "post_processors",
                List.of(pooling, Map.of("name", "Normalize"))));
        try (Artifact artifact = model(hub, withTruncate).convert(work.resolve("staging"), (stage, done) -> { })) {
            truncated = Files.copy(artifact.file(), work.resolve("truncated.onnx"));
            truncatedMetadata = artifact.metadata();
            provenance = Json.MAPPER.valueToTree(artifact.provenance().toMap());
        }
        model(hub, withNormalize).exportToFile("full", work.resolve("full"), (stage, done) -> { });
        full = work.resolve("full/full.onnx");
    }

    @AfterAll
    static void closePlugins() {
        plugins.close();
    }

    private static EmbeddingModel model(Path hub, EmbeddingModelConfig config) {
        return new EmbeddingModel(ModelSource.resolve(hub.toString(), Settings.defaults()), config, plugins);
    }

    @Test
    void theExamplePluginStartsBesideTheBuiltInsFromItsZip() {
        PluginInfo truncate = plugins.plugin("truncate").orElseThrow();
        assertEquals(PluginInfo.State.STARTED, truncate.state(), truncate.line());
        assertEquals(List.of("Truncate"), truncate.extensions().get("PostProcessor"));
        assertTrue(plugins.plugin("postprocessors").isPresent() && plugins.failures().isEmpty(),
                "the built-ins are still there: " + plugins.describe());
    }

    @Test
    void theProvenanceNamesThePluginAndItsVersion() {
        assertEquals("truncate@1.0.0", provenance.path("plugins").path("post_processor:Truncate").asText(),
                provenance.toString());
    }

    @Test
    void theMetadataStatesTheSmallerDimensionAndPassesTheChecker() throws Exception {
        JsonNode metadata = Json.MAPPER.readTree(truncatedMetadata);
        assertTrue(metadata.path("normalization").asBoolean(), truncatedMetadata);
        assertTrue(metadata.path("modelDescription").path("description").asText().contains(DIMENSIONS + " dimensions"),
                truncatedMetadata);
        ModelProto model = OnnxModels.read(truncated);
        assertEquals(DIMENSIONS, model.getGraph().getOutput(0).getType().getTensorType().getShape().getDim(1)
                .getDimValue(), "the graph's output declares the smaller width");
        List<MetadataProblem> problems = MetadataChecker.check(ModelSignature.of(model),
                truncatedMetadata, new CheckContext(null, Files.size(truncated), OracleRelease.DB_23AI));
        assertTrue(problems.stream().noneMatch(MetadataProblem::isError), problems.toString());
    }

    @Test
    void itsVectorsAreTheFullModelsFirstValuesReNormalised() throws Exception {
        try (PipelineSession cut = PipelineSession.open(truncated, 1);
                PipelineSession whole = PipelineSession.open(full, 1)) {
            for (String text : TEXTS) {
                float[] vector = cut.embed(text);
                assertEquals(DIMENSIONS, vector.length);
                assertArrayEquals(firstValuesReNormalised(whole.embed(text)), vector, 1e-5f, text);
            }
        }
    }

    @Test
    void itGivesTheSameVectorsOnOracle23aisRuntime() throws Exception {
        List<float[]> onOracle = OracleRuntime.outputs(truncated, TEXTS, work.resolve("logs"), "truncate");
        try (PipelineSession current = PipelineSession.open(truncated, 1)) {
            for (int i = 0; i < TEXTS.size(); i++) {
                assertArrayEquals(current.embed(TEXTS.get(i)), onOracle.get(i), 1e-6f, TEXTS.get(i));
            }
        }
    }

    /** Matryoshka truncation worked out here, apart from both of the plugin's forms. */
    private static float[] firstValuesReNormalised(float[] vector) {
        double sum = 0;
        for (int i = 0; i < DIMENSIONS; i++) {
            sum += (double) vector[i] * vector[i];
        }
        float[] cut = new float[DIMENSIONS];
        for (int i = 0; i < DIMENSIONS; i++) {
            cut[i] = (float) (vector[i] / Math.sqrt(sum));
        }
        return cut;
    }
}
