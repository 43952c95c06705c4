package dev.modeldock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modeldock.testkit.ClassifierHubFolder;
import dev.modeldock.testkit.CrossEncoderHubFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export --function}: a reranker from a cross-encoder, a classifier from a sequence-classification
 * model, and a function that does not exist named.
 */
class ExportFunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void functionRegressionExportsARerankerWithItsMetadata() throws Exception {
        Path folder = CrossEncoderHubFolder.create(work.resolve("hub"));
        Path out = work.resolve("out");
        CommandLine run = CommandLine.run("export", "--model", folder.toString(), "--function", "regression",
                "--template", "text", "--config", "{\"max_seq_length\": 64, \"post_processors\": []}",
                "--name", "reranker", "--output-dir", out.toString());
        assertEquals(0, run.exit(), run.err());
        JsonNode metadata = JSON.readTree(Files.readString(out.resolve("reranker.json")));
        assertEquals("regression", metadata.path("function").asText(), metadata.toString());
        assertEquals("DATA2", metadata.path("input").path("second_input").path(0).asText(), metadata.toString());
        JsonNode summary = JSON.readTree(run.out());
        assertTrue(summary.path("validation").path("passed").asBoolean(), run.out());
        assertTrue(summary.path("dimensions").isMissingNode(), "a score has no dimensions: " + run.out());
    }

    @Test
    void functionClassificationExportsAClassifierWithItsLabelsFromTheTextTemplate() throws Exception {
        Path folder = ClassifierHubFolder.create(work.resolve("hub"));
        Path out = work.resolve("out");
        CommandLine run = CommandLine.run("export", "--model", folder.toString(), "--function", "classification",
                "--template", "text", "--config", "{\"max_seq_length\": 64}", "--name", "classifier",
                "--output-dir", out.toString());
        assertEquals(0, run.exit(), run.err());
        JsonNode metadata = JSON.readTree(Files.readString(out.resolve("classifier.json")));
        assertEquals("classification", metadata.path("function").asText(), metadata.toString());
        assertEquals(JSON.valueToTree(ClassifierHubFolder.LABELS), metadata.path("labels"), metadata.toString());
        assertEquals("logits", metadata.path("classificationProbOutput").asText(), metadata.toString());
        assertTrue(JSON.readTree(run.out()).path("validation").path("passed").asBoolean(), run.out());
    }

    @Test
    void anUnknownFunctionIsNamedWithTheAcceptedOnes() {
        CommandLine run = CommandLine.run("export", "--model", work.toString(), "--function", "rerank",
                "--template", "text", "--name", "x", "--output-dir", work.toString());
        assertTrue(run.exit() != 0, run.out());
        assertTrue(run.err().contains("unknown function 'rerank'") && run.err().contains("[embedding, regression, classification]"),
                run.err());
    }
}
