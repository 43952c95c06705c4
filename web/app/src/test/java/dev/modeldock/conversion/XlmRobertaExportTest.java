package dev.modeldock.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.config.Settings;
import dev.modeldock.runtime.PipelineSession;
import dev.modeldock.service.Json;
import dev.modeldock.testkit.XlmRobertaHubFolder;
import dev.modeldock.testkit.plugin.Plugins;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An XLM-RoBERTa-shaped model ({@link XlmRobertaHubFolder}: SentencePiece tokenizer files, padding
 * offset inside the encoder): the in-graph SentencePiece tokenizer against Hugging Face's, special-token
 * spellings named, and the catalog's multilingual-e5 entry converting through the same plugin.
 */
class XlmRobertaExportTest extends CasedTokenizerExportContract {
    @Override
    Path createModel(Path root) {
        return XlmRobertaHubFolder.create(root);
    }

    @Override
    String tokenizer() {
        return "sentencepiece";
    }

    @Override
    String familyInRefusal() {
        return "SentencePiece";
    }

    @Override
    int width() {
        return XlmRobertaHubFolder.HIDDEN;
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
        List<String> languages = new ArrayList<>();
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
