package dev.modeldock.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.modeldock.testkit.ClassifierHubFolder;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A BERT text classifier converted with function classification by the engine, loaded through the
 * pf4j-loaded Oracle plugin into the in-process Oracle stand-in with its labels in the metadata, and
 * scored there as Oracle documents classifiers to be scored: {@code PREDICTION(model USING t AS DATA)}
 * gives the label of the highest probability, {@code PREDICTION_PROBABILITY} the probabilities.
 */
class OracleClassifierEndToEndTest {
    private static final List<String> TEXTS = List.of("Quarterly revenue rose faster than analysts expected.",
            "The company cut its outlook and shares fell.", "The meeting is on Tuesday.");

    @TempDir
    Path work;

    @Test
    void exportToDatabaseLoadsAClassifierWhosePredictionsAreTheLocalLabelsAndProbabilities() throws Exception {
        Path hubFolder = ClassifierHubFolder.create(work.resolve("hub"));
        try (StandInDatabase database = StandInSettings.named("classifier_e2e").start()) {
            List<String> stages = new ArrayList<>();
            ExportReceipt receipt = classifier(hubFolder).exportToDatabase("sentiment", database.writeProfile(work),
                    false, (stage, fraction) -> stages.add(stage));
            assertTrue(receipt.location().endsWith("/SENTIMENT"), receipt.location());
            assertTrue(stages.get(stages.size() - 1).startsWith("CLASSIFICATION model, PREDICTION_PROBABILITY("
                    + "SENTIMENT USING DATA) matches the local pipeline"), stages.toString());

            Path local = work.resolve("local");
            classifier(hubFolder).exportToFile("sentiment", local, (stage, fraction) -> { });
            try (Connection session = DriverManager.getConnection(database.url(), StandInSettings.DEFAULT_USER,
                    StandInSettings.DEFAULT_PASSWORD);
                    PipelineSession pipeline = PipelineSession.open(local.resolve("sentiment.onnx"), 1)) {
                for (String text : TEXTS) {
                    float[] probabilities = pipeline.embed(text);
                    int best = 0;
                    double sum = 0;
                    for (int label = 0; label < probabilities.length; label++) {
                        best = probabilities[label] > probabilities[best] ? label : best;
                        String name = ClassifierHubFolder.LABELS.get(label);
                        double remote = number(session, "SELECT PREDICTION_PROBABILITY(SENTIMENT, '" + name
                                + "' USING ? AS DATA) FROM dual", text);
                        assertEquals(probabilities[label], remote, 1e-5, name + " on " + text);
                        sum += remote;
                    }
                    assertEquals(1.0, sum, 1e-5, "the probabilities of one text sum to 1: " + text);
                    assertEquals(ClassifierHubFolder.LABELS.get(best), label(session, text), text);
                    assertEquals(probabilities[best], number(session,
                            "SELECT PREDICTION_PROBABILITY(SENTIMENT USING ? AS DATA) FROM dual", text), 1e-5, text);
                }
            }
        }
    }

    /** The classifier from the text template, as OML4Py's documentation converts one: softmax by default. */
    private static EmbeddingModel classifier(Path hubFolder) {
        return new EmbeddingModel(ModelSource.resolve(hubFolder.toString(), Settings.defaults()),
                EmbeddingModelConfig.fromTemplate("text", Map.of("max_seq_length", 64)), Plugins.builtIn(), false,
                PipelineFunction.CLASSIFICATION);
    }

    private static String label(Connection session, String text) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement(
                "SELECT PREDICTION(SENTIMENT USING ? AS DATA) FROM dual")) {
            statement.setString(1, text);
            try (ResultSet row = statement.executeQuery()) {
                assertTrue(row.next());
                return row.getString(1);
            }
        }
    }

    private static double number(Connection session, String sql, String text) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement(sql)) {
            statement.setString(1, text);
            try (ResultSet row = statement.executeQuery()) {
                assertTrue(row.next());
                return row.getDouble(1);
            }
        }
    }
}
