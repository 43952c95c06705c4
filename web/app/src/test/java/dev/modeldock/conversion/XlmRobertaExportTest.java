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
import dev.modeldock.testkit.XlmRobertaHubFolder;
import dev.modeldock.testkit.plugin.Plugins;
import dev.modeldock.validation.ParityReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An XLM-RoBERTa-shaped model ({@link XlmRobertaHubFolder}: SentencePiece tokenizer files, padding
 * offset inside the encoder) converted through the real plugins: the in-graph SentencePiece tokenizer
 * against Hugging Face's on the built-in probe texts, the vectors against the reference's.
 */
class XlmRobertaExportTest {
    private static final Map<String, Object> CASED = Map.of("max_seq_length", 128, "do_lower_case", false);

    @TempDir
    static Path work;
    static Path hubFolder;
    static ParityReport parity;
    static JsonNode metadata;
    static Path exported;

    @BeforeAll
    static void convertTheXlmRobertaShapedModel() throws Exception {
        hubFolder = XlmRobertaHubFolder.create(work.resolve("hub"));
        EmbeddingModel model = new EmbeddingModel(hubFolder.toString(), EmbeddingModelConfig.fromTemplate("text", CASED),
                Settings.defaults(), Plugins.builtIn());
        try (Artifact artifact = model.convert(work.resolve("staging"), (stage, fraction) -> { })) {
            parity = artifact.provenance().parity();
            metadata = Json.MAPPER.readTree(artifact.metadata());
            exported = work.resolve("xlmr.onnx");
            java.nio.file.Files.copy(artifact.file(), exported);
        }
        parity.describe().forEach(line -> System.out.println("xlm-roberta-shaped parity: " + line));
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

    /** The op reads "<mask>" as plain text where Hugging Face reads the token: named, never deciding. */
    @Test
    void specialTokenSpellingsInTextAreReportedAsDifferingIds() {
        @SuppressWarnings("unchecked")
        Map<String, Object> special = (Map<String, Object>) parity.toMap().get("special_tokens");
        assertTrue(special != null && (int) special.get("texts") >= 4, parity.toMap().toString());
        assertTrue(((List<?>) special.get("idsDiffer")).contains("the spelling (<mask>) inside a sentence"),
                special.toString());
    }

    @Test
    void metadataNamesTheSentencePieceTokenizer() {
        assertEquals("sentencepiece", metadata.path("tokenizer").asText(), metadata.toString());
    }

    @Test
    void theExportedPipelineEmbedsTextsDifferently() {
        try (PipelineSession session = PipelineSession.open(exported, 1)) {
            float[] one = session.embed("the quick brown fox");
            float[] other = session.embed("\u043f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440");
            assertEquals(XlmRobertaHubFolder.HIDDEN, one.length);
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
        assertTrue(List.of(refused.getMessage().split(" ")).contains("SentencePiece"), refused.getMessage());
    }

    @Test
    void theCatalogsMultilingualE5ConvertsWithItsPreconfiguredPropertiesThroughTheSentencePiecePlugin()
            throws Exception {
        String e5 = "intfloat/multilingual-e5-small";
        Path cache = work.resolve("catalog-cache");
        XlmRobertaHubFolder.create(cache, e5);
        Path out = work.resolve("catalog-out");
        new EmbeddingModel(e5, null, Settings.fromMap(Map.of("cache_dir", cache.toString())), Plugins.builtIn())
                .exportToFile("me5", out, (stage, fraction) -> { });
        JsonNode catalogMetadata = Json.MAPPER.readTree(out.resolve("me5.json").toFile());
        assertEquals("sentencepiece", catalogMetadata.path("tokenizer").asText());
        assertEquals(512, catalogMetadata.path("maxSequenceLength").asInt());
        assertTrue(catalogMetadata.path("normalization").asBoolean(), catalogMetadata.toString());
        List<String> languages = new java.util.ArrayList<>();
        catalogMetadata.path("languages").forEach(language -> languages.add(language.asText()));
        assertTrue(languages.containsAll(List.of("ko", "ja", "hi", "th", "ru", "el", "zhs")), languages.toString());
        try (PipelineSession session = PipelineSession.open(out.resolve("me5.onnx"), 1)) {
            float[] vector = session.embed("query: how much protein should a female eat");
            double norm = 0;
            for (float value : vector) {
                norm += value * value;
            }
            assertEquals(1.0, Math.sqrt(norm), 1e-5, "the catalog's Normalize step");
        }
    }
}
