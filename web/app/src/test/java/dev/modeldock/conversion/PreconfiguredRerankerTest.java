package dev.modeldock.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.artifact.Artifact;
import dev.modeldock.config.Settings;
import dev.modeldock.plan.PipelineFunction;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.service.Json;
import dev.modeldock.source.ModelSource;
import dev.modeldock.testkit.CrossEncoderHubFolder;
import dev.modeldock.testkit.plugin.Plugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog's BAAI/bge-reranker-base entry converts a cross-encoder laid out under that hub id
 * (the test kit's XLM-RoBERTa one) with function regression and its preconfigured properties, and
 * refuses to convert it as an embedding.
 */
class PreconfiguredRerankerTest {
    private static final String HUB_ID = "BAAI/bge-reranker-base";

    @TempDir
    Path work;

    private ModelSource source() throws IOException {
        Path laidOut = CrossEncoderHubFolder.createXlmRoberta(work.resolve("built"));
        Path folder = work.resolve("hub").resolve(HUB_ID);
        Files.createDirectories(folder.resolve("onnx"));
        try (Stream<Path> files = Files.walk(laidOut)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, folder.resolve(laidOut.relativize(file).toString()));
            }
        }
        return ModelSource.resolve(folder.toString(), Settings.defaults());
    }

    @Test
    void thePreconfiguredRerankerConvertsWithFunctionRegression() throws Exception {
        EmbeddingModel model = new EmbeddingModel(source(), null, Plugins.builtIn(), false,
                PipelineFunction.REGRESSION);
        try (Artifact artifact = model.convert(work.resolve("staging"), (stage, fraction) -> { })) {
            JsonNode metadata = Json.MAPPER.readTree(artifact.metadata());
            assertEquals("regression", metadata.path("function").asText(), artifact.metadata());
            assertEquals("sentencepiece", metadata.path("tokenizer").asText());
            assertEquals(512, metadata.path("maxSequenceLength").asInt());
            assertTrue(artifact.provenance().parity().passed());
        }
    }

    @Test
    void thePreconfiguredRerankerConvertedAsAnEmbeddingIsRefusedNamingItsFunction() throws Exception {
        ModelSource source = source();
        ModelDockException e = assertThrows(ModelDockException.class, () -> new EmbeddingModel(source, null,
                Plugins.builtIn(), false, PipelineFunction.EMBEDDING));
        assertTrue(e.getMessage().contains("preconfigured for function regression")
                && e.getMessage().contains("--function regression"), e.getMessage());
    }
}
