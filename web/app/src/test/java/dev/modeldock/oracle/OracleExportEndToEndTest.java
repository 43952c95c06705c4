package dev.modeldock.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.cli.CommandLine;
import dev.modeldock.config.Settings;
import dev.modeldock.conversion.EmbeddingModel;
import dev.modeldock.export.oracle.standin.StandInDatabase;
import dev.modeldock.export.oracle.standin.StandInSettings;
import dev.modeldock.plugin.ExportReceipt;
import dev.modeldock.runtime.PipelineSession;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.plugin.Plugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real all-MiniLM-L6-v2, converted and loaded through the pf4j-loaded Oracle plugin and its JDBC
 * code into the in-process Oracle stand-in; then scored there with VECTOR_EMBEDDING.
 */
class OracleExportEndToEndTest {
    private static final String TEXT = "Vector search lives next to the rows it describes.";

    @TempDir
    static Path work;
    static Path hubFolder;

    @BeforeAll
    static void layOutModel() {
        hubFolder = MiniLmHubFolder.create(work.resolve("hub"));
    }

    @Test
    void exportToDatabaseLoadsMiniLmAndTheDatabaseEmbedsLikeTheLocalPipeline() throws Exception {
        try (StandInDatabase database = StandInSettings.named("minilm_e2e").start()) {
            ExportReceipt receipt = new EmbeddingModel(hubFolder.toString(), null, Settings.defaults(), Plugins.builtIn())
                    .exportToDatabase("doc_model", profile(database), false, (stage, fraction) -> { });
            assertTrue(receipt.location().endsWith("/DOC_MODEL"), receipt.location());
            assertEquals(Set.of("MODELDOCK.DOC_MODEL"), database.modelNames());

            float[] inDatabase = vectorEmbedding(database, "DOC_MODEL");
            Path local = work.resolve("local");
            new EmbeddingModel(hubFolder.toString(), null, Settings.defaults(), Plugins.builtIn())
                    .exportToFile("doc_model", local, (stage, fraction) -> { });
            try (PipelineSession pipeline = PipelineSession.open(local.resolve("doc_model.onnx"), 1)) {
                float[] expected = pipeline.embed(TEXT);
                assertEquals(384, inDatabase.length);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], inDatabase[i], 1e-5, "dimension " + i);
                }
            }
        }
    }

    @Test
    void commandLineExportsToOracleAndRefusesToOverwriteWithoutReplace() throws Exception {
        try (StandInDatabase database = StandInSettings.named("minilm_cli").start()) {
            String[] export = {"export", "--model", hubFolder.toString(), "--name", "scott_model", "--target", "oracle",
                    "--profile", profile(database).toString()};
            CommandLine first = CommandLine.run(export);
            assertEquals(0, first.exit(), first.err());
            assertTrue(first.out().contains("\"target\" : \"oracle\""), first.out());

            CommandLine second = CommandLine.run(export);
            assertEquals(1, second.exit());
            assertTrue(second.err().startsWith("error: mining model SCOTT_MODEL already exists"), second.err());

            String[] replace = Arrays.copyOf(export, export.length + 1);
            replace[export.length] = "--replace";
            assertEquals(0, CommandLine.run(replace).exit());
            assertEquals(Set.of("MODELDOCK.SCOTT_MODEL"), database.modelNames());
        }
    }

    private static float[] vectorEmbedding(StandInDatabase database, String model) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.url(), StandInSettings.DEFAULT_USER,
                StandInSettings.DEFAULT_PASSWORD);
                PreparedStatement query = connection.prepareStatement("SELECT FROM_VECTOR(VECTOR_EMBEDDING(" + model
                        + " USING ? AS DATA) RETURNING CLOB) FROM DUAL")) {
            query.setString(1, TEXT);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                String text = row.getString(1).strip();
                String[] values = text.substring(1, text.length() - 1).split(",");
                float[] vector = new float[values.length];
                for (int i = 0; i < values.length; i++) {
                    vector[i] = Float.parseFloat(values[i].strip());
                }
                return vector;
            }
        }
    }

    private static Path profile(StandInDatabase database) throws Exception {
        Path secret = Files.writeString(work.resolve(database.name() + ".secret"), StandInSettings.DEFAULT_PASSWORD);
        return Files.writeString(work.resolve(database.name() + ".json"), "{\"url\": \"" + database.url()
                + "\", \"user\": \"" + StandInSettings.DEFAULT_USER + "\", \"password_file\": \""
                + secret.getFileName() + "\"}");
    }
}
