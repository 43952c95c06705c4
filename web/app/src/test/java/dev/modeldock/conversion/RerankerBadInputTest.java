package dev.modeldock.conversion;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.config.Settings;
import dev.modeldock.plan.PipelineFunction;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.source.ModelSource;
import dev.modeldock.testkit.CrossEncoderHubFolder;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.RobertaHubFolder;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import dev.modeldock.testkit.onnx.SequenceClassifierEncoder;
import dev.modeldock.testkit.plugin.Plugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model converted with the wrong function, or a reranker the plugins cannot build, is refused saying why. */
class RerankerBadInputTest {
    private static final EmbeddingModelConfig NO_POST_PROCESSORS = EmbeddingModelConfig.fromTemplate("text",
            Map.of("max_seq_length", 64, "post_processors", List.of()));

    @TempDir
    Path work;

    private ModelDockException refusal(Path folder, EmbeddingModelConfig config, PipelineFunction function) {
        EmbeddingModel model = new EmbeddingModel(ModelSource.resolve(folder.toString(), Settings.defaults()), config,
                Plugins.builtIn(), false, function);
        return assertThrows(ModelDockException.class, () -> model.convert(work.resolve("staging"), (s, f) -> { }));
    }

    private static void assertMentions(ModelDockException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void anEmbeddingModelConvertedAsARerankerIsRefusedNamingTheOutputsItFound() {
        ModelDockException e = refusal(MiniLmHubFolder.create(work), NO_POST_PROCESSORS, PipelineFunction.REGRESSION);
        // langchain4j's export of all-MiniLM-L6-v2 names its outputs output_0 (the token embeddings) and 882.
        assertMentions(e, "function regression", "no logits output", "[output_0, 882]", "BertModel", "function embedding");
    }

    @Test
    void aCrossEncoderConvertedAsAnEmbeddingIsRefusedSayingToUseRegression() {
        ModelDockException e = refusal(CrossEncoderHubFolder.create(work),
                EmbeddingModelConfig.fromTemplate("text", Map.of("max_seq_length", 64)), PipelineFunction.EMBEDDING);
        assertMentions(e, "BertForSequenceClassification", "function regression", "classification");
    }

    /** Without config.json's architectures, the encoder's logits output gives it away. */
    @Test
    void anEncoderWithLogitsIsRefusedAsAnEmbeddingWhateverConfigJsonSays() throws Exception {
        Path folder = CrossEncoderHubFolder.create(work);
        Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"bert\", \"hidden_size\": "
                + CrossEncoderHubFolder.HIDDEN + ", \"max_position_embeddings\": 512}");
        ModelDockException e = refusal(folder, EmbeddingModelConfig.fromTemplate("text", Map.of("max_seq_length", 64)),
                PipelineFunction.EMBEDDING);
        assertMentions(e, "outputs logits", "function regression");
    }

    @Test
    void aRerankerWithPostProcessorsIsRefusedNamingThem() {
        ModelDockException e = refusal(CrossEncoderHubFolder.create(work),
                EmbeddingModelConfig.fromTemplate("text", Map.of("max_seq_length", 64)), PipelineFunction.REGRESSION);
        assertMentions(e, "post_processors", "[Pooling, Normalize]", "\"post_processors\": []");
    }

    /** The RoBERTa byte-level BPE plugin has no pair nodes: plugin API's default refusal, naming the tokenizer. */
    @Test
    void aTokenizerWithoutTextPairsIsRefusedNamingIt() throws Exception {
        Path folder = RobertaHubFolder.create(work);
        OnnxFixtures.write(OnnxFixtures.model(SequenceClassifierEncoder.graph("roberta cross-encoder", 3L, 1000, 8)),
                folder.resolve("onnx/model.onnx"));
        ModelDockException e = refusal(folder, EmbeddingModelConfig.fromTemplate("text", Map.of("max_seq_length", 64,
                "do_lower_case", false, "post_processors", List.of())), PipelineFunction.REGRESSION);
        assertMentions(e, "cannot tokenize text pairs", "reranker");
    }
}
