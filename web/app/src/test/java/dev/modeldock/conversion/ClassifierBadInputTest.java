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
import dev.modeldock.testkit.plugin.Plugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A classifier the configuration or the model's files cannot describe is refused before any graph is built. */
class ClassifierBadInputTest {
    @TempDir
    Path work;

    private ModelDockException refusal(Path folder, Map<String, Object> properties, PipelineFunction function) {
        EmbeddingModelConfig config = EmbeddingModelConfig.fromTemplate("text", properties);
        EmbeddingModel model = new EmbeddingModel(ModelSource.resolve(folder.toString(), Settings.defaults()), config,
                Plugins.builtIn(), false, function);
        return assertThrows(ModelDockException.class, () -> model.convert(work.resolve("staging"), (s, f) -> { }));
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }

    private static Map<String, Object> text(Object... more) {
        Map<String, Object> properties = new LinkedHashMap<>(Map.of("max_seq_length", 64));
        for (int i = 0; i < more.length; i += 2) {
            properties.put((String) more[i], more[i + 1]);
        }
        return properties;
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
