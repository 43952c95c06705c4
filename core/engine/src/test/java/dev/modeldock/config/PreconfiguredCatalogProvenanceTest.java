package dev.modeldock.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.modeldock.plugin.ModelDockException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every entry of the preconfigured catalog is complete and says where each value comes from, and
 * pins no commit or file hash without saying where that came from: read from the resource file
 * itself, so a property left to its default or a source left out is caught.
 */
class PreconfiguredCatalogProvenanceTest {
    /**
     * The text models of OML4Py 2.1's preconfigured list whose tokenizer a built-in plugin provides:
     * WordPiece, XLM-RoBERTa's SentencePiece, RoBERTa's byte-level BPE and CLIP's text tower; the
     * reranker among them.
     */
    private static final List<String> TEXT_MODELS_OF_OML4PY_21 = List.of(
            "sentence-transformers/all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L12-v2",
            "sentence-transformers/all-mpnet-base-v2", "sentence-transformers/multi-qa-MiniLM-L6-cos-v1",
            "sentence-transformers/distiluse-base-multilingual-cased-v2", "BAAI/bge-small-en-v1.5",
            "BAAI/bge-base-en-v1.5", "TaylorAI/bge-micro-v2", "TaylorAI/gte-tiny", "intfloat/e5-small-v2",
            "intfloat/e5-base-v2", "thenlper/gte-small", "thenlper/gte-base", "infgrad/stella-base-en-v2",
            "ProsusAI/finbert", "medicalai/ClinicalBERT", "prajjwal1/bert-tiny",
            "Snowflake/snowflake-arctic-embed-xs", "Snowflake/snowflake-arctic-embed-s",
            "Snowflake/snowflake-arctic-embed-m", "mixedbread-ai/mxbai-embed-large-v1",
            "intfloat/multilingual-e5-small", "intfloat/multilingual-e5-base",
            "sentence-transformers/paraphrase-multilingual-mpnet-base-v2",
            "sentence-transformers/stsb-xlm-r-multilingual", "microsoft/codebert-base", "BAAI/bge-reranker-base",
            "openai/clip-vit-base-patch32");
    private static final List<String> REQUIRED = List.of("max_seq_length", "do_lower_case", "post_processors",
            "distance_metrics", "languages", "provenance");
    private static final Set<String> PINNING_SOURCES = Set.of("commit", "file_sha256");

    private static Map<String, Map<String, Object>> entries;

    @BeforeAll
    static void readTheResourceFile() throws Exception {
        try (InputStream in = ConfigCatalog.class.getResourceAsStream("preconfigured-models.json")) {
            entries = Json.MAPPER.readValue(in, new TypeReference<LinkedHashMap<String, Map<String, Object>>>() { });
        }
    }

    @Test
    void theCatalogHoldsEveryTextModelOfOml4py21ABuiltInTokenizerTakesAndNothingElse() {
        assertEquals(Set.copyOf(TEXT_MODELS_OF_OML4PY_21), entries.keySet());
        assertEquals(TEXT_MODELS_OF_OML4PY_21.size(), EmbeddingModelConfig.showPreconfigured(false, null).size());
    }

    @Test
    void everyEntryStatesEveryRequiredPropertyRatherThanFallingBackToADefault() {
        List<String> missing = new ArrayList<>();
        entries.forEach((model, entry) -> REQUIRED.stream().filter(key -> !entry.containsKey(key))
                .forEach(key -> missing.add(model + ": " + key)));
        assertEquals(List.of(), missing);
    }

    @Test
    void everyValueOfEveryEntryNamesItsSource() {
        List<String> problems = new ArrayList<>();
        entries.forEach((model, entry) -> {
            CatalogProvenance provenance = CatalogProvenance.of(model).orElseThrow();
            entry.keySet().stream().filter(key -> !key.equals("provenance"))
                    .filter(key -> provenance.sources().getOrDefault(key, "").isBlank())
                    .forEach(key -> problems.add(model + ": no source for " + key));
            provenance.sources().keySet().stream()
                    .filter(key -> !entry.containsKey(key) && !PINNING_SOURCES.contains(key))
                    .forEach(key -> problems.add(model + ": a source for " + key + ", which it does not set"));
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void aValueNotConfirmedByASourceIsListedAsUnverifiedAndItsSourceSaysSo() {
        List<String> problems = new ArrayList<>();
        entries.forEach((model, entry) -> {
            CatalogProvenance provenance = CatalogProvenance.of(model).orElseThrow();
            provenance.sources().forEach((key, source) -> {
                boolean labelled = source.contains("NOT confirmed") || source.contains("NOT published");
                if (labelled != provenance.unverified().contains(key)) {
                    problems.add(model + ": " + key + (labelled ? " is labelled unconfirmed but not listed unverified"
                            : " is listed unverified but its source does not say so"));
                }
            });
            provenance.unverified().stream().filter(key -> !entry.containsKey(key))
                    .forEach(key -> problems.add(model + ": unverified " + key + " is not one of its properties"));
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void noEntryPinsACommitOrAFileHashWithoutSayingWhereItCameFrom() {
        List<String> problems = new ArrayList<>();
        entries.keySet().forEach(model -> {
            CatalogProvenance provenance = CatalogProvenance.of(model).orElseThrow();
            if (provenance.commit() == null) {
                if (provenance.commitNote() == null || provenance.commitNote().isBlank()) {
                    problems.add(model + ": no commit and no note saying why");
                }
                if (!provenance.fileSha256().isEmpty()) {
                    problems.add(model + ": file hashes without the commit they belong to");
                }
            } else {
                if (!provenance.commit().matches("[0-9a-f]{40}") || !provenance.sources().containsKey("commit")) {
                    problems.add(model + ": commit " + provenance.commit() + " is not 40 hex digits with a source");
                }
            }
            provenance.fileSha256().forEach((path, hash) -> {
                if (!hash.matches("[0-9a-f]{64}") || !provenance.sources().containsKey("file_sha256")) {
                    problems.add(model + ": hash of " + path + " is not 64 hex digits with a source");
                }
            });
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void withNothingVerifiedOfflineNoCommitIsPinnedAndTheFirstVerifiedDownloadRecordsIt() {
        CatalogProvenance bge = CatalogProvenance.of("BAAI/bge-base-en-v1.5").orElseThrow();
        assertTrue(bge.pinnedCommit().isEmpty());
        assertTrue(bge.commitNote().contains("first verified download"), bge.commitNote());
        assertTrue(bge.fileSha256().isEmpty());
        assertTrue(CatalogProvenance.of("bert-base-uncased").isEmpty());
    }

    @Test
    void theProvenanceIsNotAPropertySoTheConfigurationStaysOml4pysShape() {
        Map<?, ?> shown = (Map<?, ?>) EmbeddingModelConfig.showPreconfigured(true, "TaylorAI/gte-tiny").get(0);
        Map<?, ?> properties = (Map<?, ?>) shown.get("TaylorAI/gte-tiny");
        assertNotNull(properties);
        Set<String> properties21 = new HashSet<>(EmbeddingModelConfig.PROPERTIES);
        properties21.remove("labels"); // a classifier's; left out of an embedding's JSON form
        properties21.remove("use_external_data"); // 2.1.1's, decided by size when unset; left out then
        assertEquals(properties21, properties.keySet());
        assertFalse(properties.containsKey("provenance"));
    }

    @Test
    void anUnknownProvenanceKeyIsRefusedByName() {
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> CatalogProvenance.fromMap("org/model", Map.of("sha", "abc")));
        assertTrue(e.getMessage().contains("'sha'") && e.getMessage().contains("org/model"), e.getMessage());
    }
}
