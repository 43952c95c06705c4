package dev.modeldock.ui.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modeldock.metadata.OracleNames;
import dev.modeldock.registry.Version;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionSnippetsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDatabaseNameIsAnUnquotedOracleIdentifierWithTheVersionNumber() {
        assertEquals("MINILM_L6_V2_V3", VersionSnippets.databaseName(version("minilm-l6.v2", 3)));
        assertEquals("M_2STAGE_V1", VersionSnippets.databaseName(version("2stage", 1)));
        String longName = VersionSnippets.databaseName(version("m".repeat(200), 12));
        assertTrue(OracleNames.modelNameProblem(longName).isEmpty(), longName);
        assertTrue(longName.endsWith("_V12"), longName);
    }

    @Test
    void theMetadataInTheLoadStatementIsQuotedForSql() throws Exception {
        VersionSnippets snippets = VersionSnippets.of(version("minilm", 1), "http://host:7070", JSON.readTree(
                "{\"function\": \"embedding\", \"modelDescription\": {\"description\": \"Bob's model\"}}"));
        assertTrue(snippets.loadSql().contains("metadata   => JSON('{\"function\":\"embedding\",\"modelDescription\":"
                + "{\"description\":\"Bob''s model\"}}'));"), snippets.loadSql());
        assertTrue(snippets.loadSql().contains("file_name  => 'minilm-v1.onnx'"), snippets.loadSql());
        assertTrue(snippets.query().startsWith("SELECT VECTOR_EMBEDDING(MINILM_V1 USING 'The quick brown fox' AS data)"),
                snippets.query());
        assertTrue(snippets.curl().contains("http://host:7070/api/v1/models/minilm/versions/1/artifact"));
    }

    @Test
    void aRegressorIsQueriedWithPredictionOverItsMappedColumns() throws Exception {
        VersionSnippets snippets = VersionSnippets.of(version("prices", 2), "http://host", JSON.readTree(
                "{\"function\": \"regression\", \"input\": {\"features\": [\"AREA\", \"ROOMS\"]}}"));
        assertEquals("SELECT PREDICTION(PRICES_V2 USING 0 AS AREA, 0 AS ROOMS) AS result\nFROM dual;",
                snippets.query());
        assertFalse(snippets.cli().contains(" embed "), "embed runs embedding pipelines only");
    }

    @Test
    void aRerankerIsQueriedWithAQueryAndAPassageAndAClassifierWithItsProbability() throws Exception {
        VersionSnippets reranker = VersionSnippets.of(version("rerank", 1), "http://host", JSON.readTree(
                "{\"function\": \"regression\", \"tokenizer\": \"bert\", \"input\": {\"first_input\": [\"DATA1\"],"
                        + " \"second_input\": [\"DATA2\"]}}"));
        assertEquals("SELECT PREDICTION(RERANK_V1 USING 'What is vector search?' AS DATA1, 'Vector search finds rows"
                + " by meaning.' AS DATA2) AS result\nFROM dual;", reranker.query());
        VersionSnippets classifier = VersionSnippets.of(version("sentiment", 3), "http://host", JSON.readTree(
                "{\"function\": \"classification\", \"tokenizer\": \"bert\", \"input\": {\"input\": [\"DATA\"]}}"));
        assertEquals("SELECT PREDICTION(SENTIMENT_V3 USING 'What is vector search?' AS DATA) AS result,\n"
                + "       PREDICTION_PROBABILITY(SENTIMENT_V3 USING 'What is vector search?' AS DATA) AS probability\n"
                + "FROM dual;", classifier.query());
    }

    private static Version version(String model, int number) {
        return new Version(model, number, "ab".repeat(32), 10, null, "{}", "{}", null, null, "admin", Instant.EPOCH,
                List.of());
    }
}
