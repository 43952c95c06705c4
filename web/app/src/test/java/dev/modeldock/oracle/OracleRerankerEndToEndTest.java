package dev.modeldock.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.config.Settings;
import dev.modeldock.conversion.EmbeddingModel;
import dev.modeldock.export.oracle.standin.StandInDatabase;
import dev.modeldock.export.oracle.standin.StandInSettings;
import dev.modeldock.plan.PipelineFunction;
import dev.modeldock.plugin.ExportReceipt;
import dev.modeldock.runtime.PipelineSession;
import dev.modeldock.source.ModelSource;
import dev.modeldock.testkit.CrossEncoderHubFolder;
import dev.modeldock.testkit.plugin.Plugins;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A BERT cross-encoder converted into a reranker (function regression) by the engine, loaded through
 * the pf4j-loaded Oracle plugin and its JDBC code into the in-process Oracle stand-in, and scored
 * there as Oracle documents rerankers to be scored: {@code PREDICTION(model USING q AS DATA1, p AS DATA2)}.
 * The test cross-encoder ranks by shared words, so the relevant passage must score above the other.
 */
class OracleRerankerEndToEndTest {
    private static final String QUERY = "how do databases search by meaning";
    private static final String RELEVANT = "vector search finds rows whose embeddings are close to the query";
    private static final String IRRELEVANT = "the bakery opens at seven and sells rye bread";
    private static final String PREDICTION = "SELECT PREDICTION(RERANK_MODEL USING ? AS DATA1, ? AS DATA2) FROM dual";

    @TempDir
    Path work;

    @Test
    void exportToDatabaseLoadsARerankerWhosePredictionEqualsTheLocalScore() throws Exception {
        Path hubFolder = CrossEncoderHubFolder.create(work.resolve("hub"));
        try (StandInDatabase database = StandInSettings.named("reranker_e2e").start()) {
            List<String> stages = new ArrayList<>();
            ExportReceipt receipt = reranker(hubFolder).exportToDatabase("rerank_model", database.writeProfile(work),
                    false, (stage, fraction) -> stages.add(stage));
            assertTrue(receipt.location().endsWith("/RERANK_MODEL"), receipt.location());
            assertEquals(Set.of("MODELDOCK.RERANK_MODEL"), database.modelNames());
            assertTrue(stages.get(stages.size() - 1).startsWith("REGRESSION model, PREDICTION(RERANK_MODEL USING"
                    + " DATA1, DATA2) matches the local pipeline"), stages.toString());

            Path local = work.resolve("local");
            reranker(hubFolder).exportToFile("rerank_model", local, (stage, fraction) -> { });
            double relevant;
            double irrelevant;
            try (Connection session = DriverManager.getConnection(database.url(), StandInSettings.DEFAULT_USER,
                    StandInSettings.DEFAULT_PASSWORD)) {
                relevant = prediction(session, QUERY, RELEVANT);
                irrelevant = prediction(session, QUERY, IRRELEVANT);
            }
            try (PipelineSession pipeline = PipelineSession.open(local.resolve("rerank_model.onnx"), 1)) {
                float localRelevant = pipeline.score(QUERY, RELEVANT)[0];
                float localIrrelevant = pipeline.score(QUERY, IRRELEVANT)[0];
                assertEquals(localRelevant, relevant, 1e-5);
                assertEquals(localIrrelevant, irrelevant, 1e-5);
                assertNotEquals(localRelevant, localIrrelevant, "the two passages must score differently");
                assertTrue(relevant > irrelevant, "the passage sharing the query's words ranks first in the database: "
                        + relevant + " vs " + irrelevant);
            }
        }
    }

    /** The cross-encoder as RerankerExportContract converts it: the text template without post-processors. */
    private static EmbeddingModel reranker(Path hubFolder) {
        return new EmbeddingModel(ModelSource.resolve(hubFolder.toString(), Settings.defaults()),
                EmbeddingModelConfig.fromTemplate("text", Map.of("max_seq_length", 64, "post_processors", List.of())),
                Plugins.builtIn(), false, PipelineFunction.REGRESSION);
    }

    private static double prediction(Connection session, String query, String passage) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement(PREDICTION)) {
            statement.setString(1, query);
            statement.setString(2, passage);
            try (ResultSet row = statement.executeQuery()) {
                assertTrue(row.next());
                return row.getDouble(1);
            }
        }
    }
}
