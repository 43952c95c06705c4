package dev.modeldock.conversion;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.config.Settings;
import dev.modeldock.plan.PipelineFunction;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.source.ModelSource;
import dev.modeldock.testkit.ClassifierHubFolder;
import dev.modeldock.testkit.CrossEncoderHubFolder;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.RobertaHubFolder;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import dev.modeldock.testkit.onnx.SequenceClassifierEncoder;
import dev.modeldock.testkit.plugin.Plugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model converted with the wrong function, or a reranker or classifier that the configuration, the
 * model's files or the plugins cannot describe, is refused before any graph is built, saying why.
 */
class FunctionBadInputTest {
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

    /** The text template with max_seq_length 64 and the given properties (name, value, ...) over it. */
    private static EmbeddingModelConfig text(Object... more) {
        Map<String, Object> properties = new LinkedHashMap<>(Map.of("max_seq_length", 64));
        for (int i = 0; i < more.length; i += 2) {
            properties.put((String) more[i], more[i + 1]);
        }
        return EmbeddingModelConfig.fromTemplate("text", properties);
    }

    @Test
    void anEmbeddingModelConvertedAsARerankerIsRefusedNamingTheOutputsItFound() {
        ModelDockException e = refusal(MiniLmHubFolder.create(work), text("post_processors", List.of()), PipelineFunction.REGRESSION);
        // langchain4j's export of all-MiniLM-L6-v2 names its outputs output_0 (the token embeddings) and 882.
        assertMentions(e, "function regression", "no logits output", "[output_0, 882]", "BertModel",
                "function embedding");
    }

    @Test
    void aCrossEncoderConvertedAsAnEmbeddingIsRefusedSayingToUseRegression() {
        ModelDockException e = refusal(CrossEncoderHubFolder.create(work),
                text(), PipelineFunction.EMBEDDING);
        assertMentions(e, "BertForSequenceClassification", "function regression", "classification");
    }

    /** Without config.json's architectures, the encoder's logits output gives it away. */
    @Test
    void anEncoderWithLogitsIsRefusedAsAnEmbeddingWhateverConfigJsonSays() throws Exception {
        Path folder = CrossEncoderHubFolder.create(work);
        Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"bert\", \"hidden_size\": "
                + CrossEncoderHubFolder.HIDDEN + ", \"max_position_embeddings\": 512}");
        ModelDockException e = refusal(folder, text(),
                PipelineFunction.EMBEDDING);
        assertMentions(e, "outputs logits", "function regression");
    }

    @Test
    void aRerankerWithPostProcessorsIsRefusedNamingThem() {
        ModelDockException e = refusal(CrossEncoderHubFolder.create(work),
                text(), PipelineFunction.REGRESSION);
        assertMentions(e, "post_processors", "[Pooling, Normalize]", "\"post_processors\": []");
    }

    /** The RoBERTa byte-level BPE plugin has no pair nodes: plugin API's default refusal, naming the tokenizer. */
    @Test
    void aTokenizerWithoutTextPairsIsRefusedNamingIt() throws Exception {
        Path folder = RobertaHubFolder.create(work);
        OnnxFixtures.write(OnnxFixtures.model(SequenceClassifierEncoder.graph("roberta cross-encoder", 3L, 1000, 8)),
                folder.resolve("onnx/model.onnx"));
        ModelDockException e = refusal(folder, text("do_lower_case", false, "post_processors", List.of()),
                PipelineFunction.REGRESSION);
        assertMentions(e, "cannot tokenize text pairs", "reranker");
    }

    @Test
    void anEmbeddingModelConvertedAsAClassifierIsRefusedNamingTheOutputsItFound() {
        ModelDockException e = refusal(MiniLmHubFolder.create(work), text(), PipelineFunction.CLASSIFICATION);
        assertMentions(e, "function classification", "no logits output", "[output_0, 882]", "function embedding");
    }

    @Test
    void aOneLabelCrossEncoderConvertedAsAClassifierIsRefusedSayingToUseRegression() {
        ModelDockException e = refusal(CrossEncoderHubFolder.create(work), text(), PipelineFunction.CLASSIFICATION);
        assertMentions(e, "one value per text", "function regression");
    }

    @Test
    void aClassifierConvertedAsARerankerOrAnEmbeddingIsRefusedNamingClassification() {
        Path folder = ClassifierHubFolder.create(work);
        assertMentions(refusal(folder, text("post_processors", List.of()), PipelineFunction.REGRESSION),
                "3 labels", "a model with several labels is a classifier");
        assertMentions(refusal(folder, text(), PipelineFunction.EMBEDDING), "BertForSequenceClassification",
                "--function classification");
    }

    @Test
    void labelsThatDoNotMatchTheLogitsAreRefusedCountingBoth() {
        ModelDockException e = refusal(ClassifierHubFolder.create(work), text("labels", List.of("up", "down")),
                PipelineFunction.CLASSIFICATION);
        assertMentions(e, "2 label(s) [up, down]", "3 logits", "one label per logit");
    }

    @Test
    void aModelWithoutId2labelIsRefusedSayingToGiveLabels() throws Exception {
        Path folder = ClassifierHubFolder.create(work);
        Files.writeString(folder.resolve("config.json"), "{\"architectures\": [\"BertForSequenceClassification\"],"
                + " \"model_type\": \"bert\", \"hidden_size\": " + ClassifierHubFolder.HIDDEN + "}");
        assertMentions(refusal(folder, text(), PipelineFunction.CLASSIFICATION), "names no labels", "labels property");
    }

    @Test
    void id2labelWithAGapInItsIdsIsRefused() throws Exception {
        Path folder = ClassifierHubFolder.create(work);
        Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"bert\", \"hidden_size\": "
                + ClassifierHubFolder.HIDDEN + ", \"id2label\": {\"0\": \"a\", \"1\": \"b\", \"5\": \"c\"}}");
        assertMentions(refusal(folder, text(), PipelineFunction.CLASSIFICATION), "does not map the ids 0 to 2",
                "labels property");
    }

    @Test
    void anEmbeddingPostProcessorOnAClassifierIsRefusedNamingWhatIsAllowed() {
        ModelDockException e = refusal(ClassifierHubFolder.create(work), text("post_processors",
                List.of(Map.of("name", "Pooling", "type", "cls"))), PipelineFunction.CLASSIFICATION);
        assertMentions(e, "[Pooling]", "[{\"name\": \"Softmax\"}]", "[] (raw logits)");
    }

    @Test
    void labelsOnAnEmbeddingAreRefused() {
        ModelDockException e = refusal(MiniLmHubFolder.create(work), text("labels", List.of("a", "b")),
                PipelineFunction.EMBEDDING);
        assertMentions(e, "only a classifier has", "remove labels");
    }

    @Test
    void aLabelGivenTwiceIsRefusedByTheConfiguration() {
        ModelDockException e = assertThrows(ModelDockException.class, () -> EmbeddingModelConfig.fromTemplate("text",
                Map.of("labels", List.of("up", "up"))));
        assertMentions(e, "labels [up, up]", "once");
    }
}
