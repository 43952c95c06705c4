package dev.modeldock.export.oracle.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PREDICTION scores a reranker's pair; PREDICTION and PREDICTION_PROBABILITY a classifier's text. */
class StandInPredictsWithRerankersAndClassifiersTest {
    static final String LABELS = "[\"negative\",\"neutral\",\"positive\",\"enthusiastic\"]";
    static final String CLASSIFIER_METADATA = "{\"function\":\"classification\",\"classificationProbOutput\":"
            + "\"logits\",\"labels\":" + LABELS + ",\"input\":{\"input\":[\"DATA\"]}}";

    @TempDir
    Path folder;

    private StandInDatabase database;
    private Connection session;

    @BeforeEach
    void start() throws Exception {
        database = StandInSettings.named("predicts").start();
        session = StandInClient.connect(database);
        StandInClient.load(session, "reranker", StandInRerankers.write(folder.resolve("reranker.onnx")),
                StandInRerankers.METADATA);
        StandInClient.load(session, "classifier", StandInModels.classifier(4).write(folder.resolve("classes.onnx")),
                CLASSIFIER_METADATA);
    }

    @AfterEach
    void stop() throws SQLException {
        session.close();
        database.close();
    }

    @Test
    void describesARerankerAsARegressionModelWithTwoTextAttributes() throws Exception {
        assertEquals(List.of(List.of("REGRESSION", "ONNX")),
                StandInClient.rows(session, OracleSqlRewriter.MODEL_ROW, null, "RERANKER"));
        assertEquals(List.of(List.of("DATA1", "TEXT", "VARCHAR2"), List.of("DATA2", "TEXT", "VARCHAR2")),
                StandInClient.rows(session, OracleSqlRewriter.MODEL_ATTRIBUTES, null, "RERANKER").stream()
                        .map(row -> row.subList(0, 3)).toList());
        assertEquals(List.of(List.of("CLASSIFICATION", "ONNX")),
                StandInClient.rows(session, OracleSqlRewriter.MODEL_ROW, null, "CLASSIFIER"));
    }

    @Test
    void predictionOfARerankerIsTheModelsScoreOfThePairByAttributeName() throws Exception {
        String query = "SELECT PREDICTION(RERANKER USING ? AS DATA1, ? AS DATA2) FROM DUAL";
        assertEquals(StandInRerankers.expectedScore("what is vector search", "it finds rows by meaning"),
                number(query, "what is vector search", "it finds rows by meaning"), 1e-6);
        assertEquals(StandInRerankers.expectedScore("one", "two words"), number(query, "one", "two words"), 1e-6);
        // The attributes are matched by name, not by position; keywords in any case; extra attributes ignored.
        assertEquals(StandInRerankers.expectedScore("one", "two words"), number("select prediction(modeldock.reranker"
                + " using ? as data2, ? as Data1, ? AS EXTRA) from dual", "two words", "one", "ignored"), 1e-6);
        assertEquals(StandInRerankers.expectedScore("a b c", "d"),
                number("SELECT PREDICTION(RERANKER USING 'a b c' AS DATA1, 'd' AS DATA2) FROM dual"), 1e-6);
        assertNull(value("SELECT PREDICTION(RERANKER USING ? AS DATA1, ? AS DATA2) FROM DUAL", "a query", null));
    }

    @Test
    void predictionOfAClassifierIsTheMostProbableLabelAsText() throws Exception {
        String query = "SELECT PREDICTION(CLASSIFIER USING ? AS DATA) FROM DUAL";
        assertEquals("negative", value(query, "one"));
        assertEquals("enthusiastic", value(query, "three little words"));
        assertEquals(Types.VARCHAR, columnType(query));
    }

    @Test
    void predictionProbabilityGivesTheBestOrTheNamedClassesProbability() throws Exception {
        double[] expected = StandInModels.expectedProbabilities("three little words", 4);
        assertEquals(expected[3], number("SELECT PREDICTION_PROBABILITY(CLASSIFIER USING ? AS DATA) FROM DUAL",
                "three little words"), 1e-6);
        assertEquals(expected[1], number("SELECT PREDICTION_PROBABILITY(CLASSIFIER, 'neutral' USING ? AS DATA)"
                + " FROM DUAL", "three little words"), 1e-6);
        assertEquals(expected[2], number("SELECT PREDICTION_PROBABILITY(CLASSIFIER, ? USING ? AS DATA) FROM DUAL",
                "positive", "three little words"), 1e-6);
        double sum = 0;
        for (String label : List.of("negative", "neutral", "positive", "enthusiastic")) {
            sum += number("SELECT PREDICTION_PROBABILITY(CLASSIFIER, ? USING ? AS DATA) FROM DUAL", label, "a b");
        }
        assertEquals(1, sum, 1e-6);
    }

    @Test
    void aClassifierWithoutLabelsPredictsTheClassNumbersOneToN() throws Exception {
        StandInClient.load(session, "numbered", StandInModels.classifier(4).write(folder.resolve("numbered.onnx")),
                "{\"function\":\"classification\"}");
        String query = "SELECT PREDICTION(NUMBERED USING ? AS INPUT) FROM DUAL";
        assertEquals(new BigDecimal(1), new BigDecimal(value(query, "one").toString()).stripTrailingZeros());
        assertEquals(new BigDecimal(4), new BigDecimal(value(query, "a b c").toString()).stripTrailingZeros());
        assertEquals(StandInModels.expectedProbabilities("a b c", 4)[1],
                number("SELECT PREDICTION_PROBABILITY(NUMBERED, 2 USING ? AS INPUT) FROM DUAL", "a b c"), 1e-6);
    }

    @Test
    void normalizeProbSoftmaxTurnsRawScoresIntoProbabilities() throws Exception {
        Path raw = StandInModels.embedding().output("logits", DataType.FLOAT,
                "batch", 4).write(folder.resolve("raw.onnx"));
        StandInClient.load(session, "raw", raw, "{\"function\":\"classification\",\"normalizeProb\":\"softmax\","
                + "\"labels\":" + LABELS + ",\"input\":{\"input\":[\"DATA\"]}}");

        assertEquals(StandInModels.expectedProbabilities("one", 4)[0],
                number("SELECT PREDICTION_PROBABILITY(RAW USING ? AS DATA) FROM DUAL", "one"), 1e-6);
        assertEquals("negative", value("SELECT PREDICTION(RAW USING ? AS DATA) FROM DUAL", "one"));
    }

    private double number(String sql, String... binds) throws SQLException {
        return ((Number) value(sql, (Object[]) binds)).doubleValue();
    }

    private Object value(String sql, Object... binds) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement(sql)) {
            for (int i = 0; i < binds.length; i++) {
                statement.setString(i + 1, (String) binds[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getObject(1);
            }
        }
    }

    private int columnType(String sql) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement(sql)) {
            statement.setString(1, "x");
            try (ResultSet rows = statement.executeQuery()) {
                return rows.getMetaData().getColumnType(1);
            }
        }
    }
}
