package dev.modeldock.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.artifact.Artifact;
import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.config.Settings;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.runtime.PipelineSession;
import dev.modeldock.service.Json;
import dev.modeldock.testkit.RobertaHubFolder;
import dev.modeldock.testkit.plugin.Plugins;
import dev.modeldock.validation.ParityReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A RoBERTa-shaped model ({@link RobertaHubFolder}: byte-level BPE vocab.json and merges.txt, padding
 * offset inside the encoder) converted through the real plugins: the in-graph RobertaTokenizer against
 * Hugging Face's on the built-in probe texts, the vectors against the reference's.
 */
class RobertaExportTest {
    private static final Map<String, Object> CASED = Map.of("max_seq_length", 128, "do_lower_case", false);

    @TempDir
    static Path work;
    static Path hubFolder;
    static ParityReport parity;
    static JsonNode metadata;
    static Path exported;

    @BeforeAll
    static void convertTheRobertaShapedModel() throws Exception {
        hubFolder = RobertaHubFolder.create(work.resolve("hub"));
        EmbeddingModel model = new EmbeddingModel(hubFolder.toString(), EmbeddingModelConfig.fromTemplate("text", CASED),
                Settings.defaults(), Plugins.builtIn());
        try (Artifact artifact = model.convert(work.resolve("staging"), (stage, fraction) -> { })) {
            parity = artifact.provenance().parity();
            metadata = Json.MAPPER.readTree(artifact.metadata());
            exported = work.resolve("roberta.onnx");
            java.nio.file.Files.copy(artifact.file(), exported);
        }
        parity.describe().forEach(line -> System.out.println("roberta-shaped parity: " + line));
    }

    @Test
    void tokenIdsAndVectorsMatchTheReferenceOnEveryAsciiProbe() {
        Map<String, Object> report = parity.toMap();
        @SuppressWarnings("unchecked")
        Map<String, Object> ascii = (Map<String, Object>) report.get("ascii");
        assertTrue(parity.passed(), report.toString());
        assertEquals(ascii.get("texts"), ascii.get("tokenIdsAgree"), "token ids differ on ASCII: " + ascii);
        assertTrue((double) ascii.get("minCosine") >= 0.9999, "min cosine " + ascii.get("minCosine"));
        assertTrue(report.containsKey("non_ascii"), "non-ASCII texts are measured and reported");
    }

    @Test
    void metadataNamesTheByteLevelBpeTokenizer() {
        assertEquals("bpe", metadata.path("tokenizer").asText(), metadata.toString());
    }

    @Test
    void theExportedPipelineEmbedsTextsDifferently() {
        try (PipelineSession session = PipelineSession.open(exported, 1)) {
            float[] one = session.embed("the quick brown fox");
            float[] other = session.embed("\u043f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440");
            assertEquals(RobertaHubFolder.HIDDEN, one.length);
            assertTrue(!java.util.Arrays.equals(one, other), "different texts, different vectors");
        }
    }

    @Test
    void lowercasingConfigurationIsRefusedSayingToSetDoLowerCaseFalse() {
        EmbeddingModelConfig lowercasing = EmbeddingModelConfig.fromTemplate("text", Map.of("max_seq_length", 128));
        assertTrue(lowercasing.doLowerCase(), "the text template lowercases");
        EmbeddingModel model = new EmbeddingModel(hubFolder.toString(), lowercasing, Settings.defaults(),
                Plugins.builtIn());
        ModelDockException refused = assertThrows(ModelDockException.class,
                () -> model.convert(work.resolve("refused"), (stage, fraction) -> { }).close());
        assertTrue(refused.getMessage().contains("set do_lower_case to false"), refused.getMessage());
        assertTrue(List.of(refused.getMessage().split(" ")).contains("byte-level"), refused.getMessage());
    }
}
