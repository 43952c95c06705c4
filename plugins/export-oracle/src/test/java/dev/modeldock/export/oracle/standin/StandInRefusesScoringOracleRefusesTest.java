package dev.modeldock.export.oracle.standin;

import static dev.modeldock.export.oracle.standin.StandInRefusesWhatOracleRefusesTest.assertOra;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scoring operator on a model of another function is ORA-40290 (the documented code for "model
 * incompatible with data mining function"; that Oracle raises it for ONNX models is inferred). A
 * missing attribute and an unknown class have no documented code: ORA-20000, marked as the stand-in's.
 */
class StandInRefusesScoringOracleRefusesTest {
    @TempDir
    Path folder;

    private StandInDatabase database;
    private Connection session;

    @BeforeEach
    void start() throws Exception {
        database = StandInSettings.named("refuses-scoring").start();
        session = StandInClient.connect(database);
        StandInClient.load(session, "doc_model", StandInModels.embedding().write(folder.resolve("embedding.onnx")),
                StandInClient.EMBEDDING_METADATA);
        StandInClient.load(session, "reranker", StandInRerankers.write(folder.resolve("reranker.onnx")),
                StandInRerankers.METADATA);
        StandInClient.load(session, "classifier", StandInModels.classifier(4).write(folder.resolve("classes.onnx")),
                StandInPredictsWithRerankersAndClassifiersTest.CLASSIFIER_METADATA);
    }

    @AfterEach
    void stop() throws SQLException {
        session.close();
        database.close();
    }

    @Test
    void vectorEmbeddingOfARerankerOrAClassifierIsAnIncompatibleModel() {
        assertOra(40290, assertThrows(SQLException.class, () -> StandInClient.embed(session, "RERANKER", "DATA1", "x")));
        assertOra(40290, assertThrows(SQLException.class, () -> StandInClient.embed(session, "CLASSIFIER", "DATA", "x")));
    }

    @Test
    void predictionOfAnEmbeddingModelIsAnIncompatibleModel() {
        assertOra(40290, fails("SELECT PREDICTION(DOC_MODEL USING ? AS DATA) FROM DUAL", "x"));
        assertOra(40290, fails("SELECT PREDICTION_PROBABILITY(DOC_MODEL USING ? AS DATA) FROM DUAL", "x"));
    }

    @Test
    void predictionProbabilityOfARerankerIsAnIncompatibleModel() {
        assertOra(40290, fails("SELECT PREDICTION_PROBABILITY(RERANKER USING ? AS DATA1, ? AS DATA2) FROM DUAL",
                "q", "p"));
    }

    @Test
    void aUsingClauseWithoutAnAttributeTheModelNeedsNamesTheAttributes() {
        SQLException error = fails("SELECT PREDICTION(RERANKER USING ? AS DATA1) FROM DUAL", "q");
        assertOra(20000, error);
        assertTrue(error.getMessage().contains("does not give attribute DATA2")
                && error.getMessage().contains("[DATA1, DATA2]"), error.getMessage());
        assertOra(20000, fails("SELECT PREDICTION(CLASSIFIER USING ? AS TEXT) FROM DUAL", "q"));
    }

    @Test
    void predictionProbabilityOfAClassTheModelDoesNotHaveNamesItsClasses() {
        SQLException error = fails("SELECT PREDICTION_PROBABILITY(CLASSIFIER, 'sarcastic' USING ? AS DATA) FROM DUAL",
                "three little words");
        assertOra(20000, error);
        assertTrue(error.getMessage().contains("no class sarcastic") && error.getMessage().contains("enthusiastic"),
                error.getMessage());
    }

    @Test
    void predictionOfAModelThatIsNotLoadedIsAnInvalidModelName() {
        assertOra(40281, fails("SELECT PREDICTION(NOT_LOADED USING ? AS DATA) FROM DUAL", "x"));
    }

    private SQLException fails(String sql, String... binds) {
        return assertThrows(SQLException.class, () -> {
            try (PreparedStatement statement = session.prepareStatement(sql)) {
                for (int i = 0; i < binds.length; i++) {
                    statement.setString(i + 1, binds[i]);
                }
                statement.executeQuery().close();
            }
        });
    }
}
