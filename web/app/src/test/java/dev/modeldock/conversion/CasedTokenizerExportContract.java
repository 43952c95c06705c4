package dev.modeldock.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.artifact.Artifact;
import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.config.Settings;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.runtime.PipelineSession;
import dev.modeldock.service.Json;
import dev.modeldock.testkit.plugin.Plugins;
import dev.modeldock.validation.ParityReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model of a case-keeping tokenizer family (byte-level BPE, SentencePiece) converted into an
 * embedding pipeline through the real plugins: the in-graph tokenizer against Hugging Face's on the
 * built-in probe texts, the vectors against the reference's, the family's metadata name, and the
 * refusal of a lowercasing configuration. One subclass per family.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CasedTokenizerExportContract {
    static final Map<String, Object> CASED = Map.of("max_seq_length", 128, "do_lower_case", false);

    Path work;
    Path hubFolder;
    ParityReport parity;
    JsonNode metadata;
    Path exported;

    /** Lays out the model under {@code root}; returns its folder. */
    abstract Path createModel(Path root);

    /** The tokenizer metadata value the family's plugin names. */
    abstract String tokenizer();

    /** The family's name in the plugin's refusal of do_lower_case, e.g. "byte-level". */
    abstract String familyInRefusal();

    /** The width of the model's vectors. */
    abstract int width();

    @BeforeAll
    void convert(@TempDir Path folder) throws Exception {
        work = folder;
        hubFolder = createModel(work.resolve("hub"));
        EmbeddingModel model = new EmbeddingModel(hubFolder.toString(), EmbeddingModelConfig.fromTemplate("text",
                CASED), Settings.defaults(), Plugins.builtIn());
        try (Artifact artifact = model.convert(work.resolve("staging"), (stage, fraction) -> { })) {
            parity = artifact.provenance().parity();
            metadata = Json.MAPPER.readTree(artifact.metadata());
            exported = work.resolve("pipeline.onnx");
            Files.copy(artifact.file(), exported);
        }
        parity.describe().forEach(line -> System.out.println(tokenizer() + " parity: " + line));
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
    void metadataNamesTheFamilysTokenizer() {
        assertEquals(tokenizer(), metadata.path("tokenizer").asText(), metadata.toString());
    }

    @Test
    void theExportedPipelineEmbedsTextsDifferently() {
        try (PipelineSession session = PipelineSession.open(exported, 1)) {
            float[] one = session.embed("the quick brown fox");
            float[] other = session.embed("\u043f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440");
            assertEquals(width(), one.length);
            assertFalse(Arrays.equals(one, other), "different texts, different vectors");
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
        assertTrue(List.of(refused.getMessage().split(" ")).contains(familyInRefusal()), refused.getMessage());
    }
}
