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
import java.nio.file.Path;
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
                    .exportToDatabase("doc_model", database.writeProfile(work), false, (stage, fraction) -> { });
            assertTrue(receipt.location().endsWith("/DOC_MODEL"), receipt.location());
            assertEquals(Set.of("MODELDOCK.DOC_MODEL"), database.modelNames());

            float[] inDatabase = database.vectorEmbedding("DOC_MODEL", TEXT);
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
                    "--profile", database.writeProfile(work).toString()};
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
}
