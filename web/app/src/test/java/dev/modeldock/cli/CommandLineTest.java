package dev.modeldock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modeldock.service.Json;
import dev.modeldock.testkit.MiniLmHubFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract, run in-process: JSON on standard output, one-line errors, exit codes. */
class CommandLineTest {
    private static final ObjectMapper JSON = Json.MAPPER;

    @TempDir
    static Path work;
    static Path hubFolder;

    @BeforeAll
    static void layOutModel() {
        hubFolder = MiniLmHubFolder.create(work.resolve("hub"));
    }

    @Test
    void templatesPrintsTheTemplateNames() throws Exception {
        CommandLine run = CommandLine.run("templates");
        assertEquals(0, run.exit());
        assertEquals("[\"text\"]", JSON.readTree(run.out()).toString());
    }

    @Test
    void preconfiguredPrintsNamesAndWithPropertiesOneMap() throws Exception {
        JsonNode names = JSON.readTree(CommandLine.run("preconfigured").out());
        assertTrue(names.toString().contains("\"sentence-transformers/all-MiniLM-L6-v2\""));
        assertTrue(names.toString().contains("\"BAAI/bge-small-en-v1.5\""));
        JsonNode one = JSON.readTree(CommandLine.run("preconfigured", "--properties", "--model", "BAAI/bge-small-en-v1.5").out());
        assertEquals(1, one.size());
        assertEquals("cls", one.get(0).path("BAAI/bge-small-en-v1.5").path("post_processors").path(0).path("type").asText());
    }

    @Test
    void preconfiguredWithPropertiesAndAModelPrintsThatEntryForEveryCatalogModel() throws Exception {
        JsonNode names = JSON.readTree(CommandLine.run("preconfigured").out());
        assertEquals(28, names.size());
        for (JsonNode name : names) {
            CommandLine run = CommandLine.run("preconfigured", "--properties", "--model", name.asText());
            assertEquals(0, run.exit(), run.err());
            JsonNode entry = JSON.readTree(run.out()).get(0).path(name.asText());
            assertTrue(entry.path("max_seq_length").asInt() > 0, name + ": " + entry);
            // A reranker's score is its head's output; CLIP's text tower pools inside its encoder.
            String first = switch (name.asText()) {
                case "BAAI/bge-reranker-base" -> "";
                case "openai/clip-vit-base-patch32" -> "Normalize";
                default -> "Pooling";
            };
            assertEquals(first, entry.path("post_processors").path(0).path("name").asText(), name.asText());
            assertTrue(entry.path("provenance").isMissingNode(), "provenance only when asked: " + entry);
        }
        JsonNode distiluse = JSON.readTree(CommandLine.run("preconfigured", "--properties", "--model",
                "sentence-transformers/distiluse-base-multilingual-cased-v2").out())
                .get(0).path("sentence-transformers/distiluse-base-multilingual-cased-v2");
        assertEquals(512, distiluse.path("post_processors").path(1).path("out_features").asInt());
        assertEquals("Tanh", distiluse.path("post_processors").path(1).path("activation_function").asText());
    }

    @Test
    void preconfiguredWithProvenanceAddsTheSourceOfEachValueAndSaysTheCommitIsNotPinnedYet() throws Exception {
        CommandLine run = CommandLine.run("preconfigured", "--properties", "--provenance", "--model",
                "Snowflake/snowflake-arctic-embed-m");
        assertEquals(0, run.exit(), run.err());
        JsonNode entry = JSON.readTree(run.out()).get(0).path("Snowflake/snowflake-arctic-embed-m");
        assertEquals("cls", entry.path("post_processors").path(0).path("type").asText());
        JsonNode provenance = entry.path("provenance");
        assertTrue(provenance.path("sources").path("post_processors").asText().contains("huggingface.co"),
                provenance.toString());
        assertTrue(provenance.path("commit").isNull(), provenance.toString());
        assertTrue(provenance.path("commit_note").asText().contains("first verified download"), provenance.toString());
    }

    @Test
    void exportWithTemplateAndConfigFileThenEmbedPrintsVectors() throws Exception {
        Path config = Files.writeString(work.resolve("config.json"),
                "{\"max_seq_length\": 128, \"post_processors\": [{\"name\": \"Pooling\", \"type\": \"max\"}]}");
        Path out = work.resolve("exported");
        CommandLine export = CommandLine.run("export", "--model", hubFolder.toString(), "--template", "text", "--config", config.toString(),
                "--name", "minilm_max", "--output-dir", out.toString());
        assertEquals(0, export.exit(), export.err());
        JsonNode summary = JSON.readTree(export.out());
        assertEquals(384, summary.path("dimensions").asInt());
        assertTrue(summary.path("validation").path("passed").asBoolean());
        JsonNode metadata = JSON.readTree(out.resolve("minilm_max.json").toFile());
        assertEquals(128, metadata.path("maxSequenceLength").asInt(), "--config overrides the template");
        assertEquals("Max Pooling", metadata.path("pooling").asText());

        CommandLine embed = CommandLine.run("embed", "--pipeline", out.resolve("minilm_max.onnx").toString(), "--text", "first",
                "--text", "second text");
        assertEquals(0, embed.exit(), embed.err());
        JsonNode vectors = JSON.readTree(embed.out());
        assertEquals(2, vectors.size());
        assertEquals(384, vectors.get(1).size());
    }

    @Test
    void errorsAreOneLineWithNonZeroExit() {
        CommandLine unknownTemplate = CommandLine.run("export", "--model", hubFolder.toString(), "--template", "txt", "--name", "x",
                "--output-dir", work.resolve("never").toString());
        assertEquals(1, unknownTemplate.exit());
        assertEquals("error: unknown template 'txt'; templates: text", unknownTemplate.err().strip());
        assertTrue(!Files.exists(work.resolve("never")));

        CommandLine missingOption = CommandLine.run("export", "--model", hubFolder.toString());
        assertEquals(2, missingOption.exit());
        assertEquals(1, missingOption.err().strip().lines().count(), missingOption.err());

        CommandLine badConfig = CommandLine.run("export", "--model", hubFolder.toString(), "--template", "text", "--config",
                work.resolve("absent.json").toString(), "--name", "x");
        assertEquals(1, badConfig.exit());
        assertTrue(badConfig.err().startsWith("error: cannot read ") && badConfig.err().strip().lines().count() == 1,
                badConfig.err());

        CommandLine notAPipeline = CommandLine.run("embed", "--pipeline", work.resolve("nothing.onnx").toString(), "--text", "t");
        assertEquals(1, notAPipeline.exit());
        assertEquals(1, notAPipeline.err().strip().lines().count(), notAPipeline.err());
    }
}
