package dev.modeldock.conversion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.artifact.Artifact;
import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.config.Settings;
import dev.modeldock.metadata.CheckContext;
import dev.modeldock.metadata.MetadataChecker;
import dev.modeldock.metadata.MetadataProblem;
import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.plan.PipelineFunction;
import dev.modeldock.plan.PipelinePlan;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.runtime.PipelineSession;
import dev.modeldock.service.Json;
import dev.modeldock.source.EncoderGraph;
import dev.modeldock.source.HubModel;
import dev.modeldock.source.ModelSource;
import dev.modeldock.testkit.ClassifierHubFolder;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.plugin.Plugins;
import dev.modeldock.validation.ParityReport;
import dev.modeldock.validation.ProbeTexts;
import dev.modeldock.validation.ReferenceEmbedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A text classifier ({@link ClassifierHubFolder}, finbert's shape) converted with function
 * classification through the real plugins, from the text template as OML4Py's documentation does:
 * one string in, softmax over the head's logits out, the labels from config.json's id2label in the
 * metadata; checked against the reference (Hugging Face's tokenizer, the original encoder and softmax
 * in Java) and Oracle's metadata rules.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClassifierExportTest {
    private static final Map<String, Object> TEXT = Map.of("max_seq_length", 64);

    Path work;
    Path hubFolder;
    Converted softmax;

    /** One conversion's outputs, kept after its staging folder is gone. */
    record Converted(Path file, String metadata, ParityReport parity) {
    }

    @BeforeAll
    void convertTheClassifier(@TempDir Path folder) throws IOException {
        work = folder;
        hubFolder = ClassifierHubFolder.create(work.resolve("hub"));
        softmax = convert("softmax", config(TEXT));
        softmax.parity().describe().forEach(line -> System.out.println("classifier parity: " + line));
    }

    private Converted convert(String name, EmbeddingModelConfig config) throws IOException {
        EmbeddingModel model = new EmbeddingModel(ModelSource.resolve(hubFolder.toString(), Settings.defaults()),
                config, Plugins.builtIn(), false, PipelineFunction.CLASSIFICATION);
        try (Artifact artifact = model.convert(work.resolve("staging"), (stage, fraction) -> { })) {
            assertTrue(artifact.dimensions().isEmpty(), "probabilities are no vector to store");
            Path file = work.resolve(name + ".onnx");
            Files.copy(artifact.file(), file);
            return new Converted(file, artifact.metadata(), artifact.provenance().parity());
        }
    }

    private static EmbeddingModelConfig config(Map<String, Object> overrides) {
        return EmbeddingModelConfig.fromTemplate("text", overrides);
    }

    private PipelinePlan plan(EmbeddingModelConfig config) {
        return PipelinePlan.create(HubModel.open(new ModelFolder("classifier", hubFolder)),
                EncoderGraph.of(OnnxModels.read(hubFolder.resolve("onnx/model.onnx"))), config,
                PipelineFunction.CLASSIFICATION, Plugins.builtIn());
    }

    @Test
    void probabilitiesSumToOneAndMatchTheReferenceOnEveryAsciiProbe() {
        Map<String, Object> report = softmax.parity().toMap();
        @SuppressWarnings("unchecked")
        Map<String, Object> ascii = (Map<String, Object>) report.get("ascii");
        assertTrue(softmax.parity().passed(), report.toString());
        assertEquals(ascii.get("texts"), ascii.get("tokenIdsAgree"), "token ids differ on ASCII texts: " + ascii);
        assertTrue((double) ascii.get("maxAbsDifference") <= 1e-5, ascii.toString());
        try (PipelineSession pipeline = PipelineSession.open(softmax.file(), 1);
                ReferenceEmbedder reference = ReferenceEmbedder.open(plan(config(TEXT)), 1)) {
            for (String text : ProbeTexts.builtIn().stream().limit(12).map(p -> p.text()).toList()) {
                float[] probabilities = pipeline.embed(text);
                assertEquals(ClassifierHubFolder.LABELS.size(), probabilities.length, text);
                double sum = 0;
                for (float p : probabilities) {
                    assertTrue(p > 0 && p < 1, p + " on " + text);
                    sum += p;
                }
                assertEquals(1.0, sum, 1e-6, text);
                assertArrayEquals(reference.embed(text), probabilities, 1e-5f, text);
            }
        }
    }

    @Test
    void metadataNamesTheProbabilityOutputAndTheLabelsInIdOrderAndPassesTheChecker() throws Exception {
        JsonNode json = Json.MAPPER.readTree(softmax.metadata());
        assertEquals("classification", json.path("function").asText(), softmax.metadata());
        assertEquals("logits", json.path("classificationProbOutput").asText(), softmax.metadata());
        assertEquals(Json.MAPPER.valueToTree(ClassifierHubFolder.LABELS), json.path("labels"), softmax.metadata());
        assertEquals(Json.MAPPER.readTree("{\"input\":[\"DATA\"]}"), json.path("input"), softmax.metadata());
        assertTrue(json.path("embeddingOutput").isMissingNode() && json.path("regressionOutput").isMissingNode()
                && json.path("normalization").isMissingNode(), "no other function's fields: " + softmax.metadata());
        assertEquals("bert", json.path("tokenizer").asText());
        List<MetadataProblem> problems = MetadataChecker.check(ModelSignature.of(OnnxModels.read(softmax.file())),
                softmax.metadata(), new CheckContext(null, Files.size(softmax.file()), OracleRelease.DB_26AI));
        assertTrue(problems.stream().noneMatch(MetadataProblem::isError), problems.toString());
    }

    @Test
    void theFileTakesOneStringAndEndsInSoftmaxOverOneValuePerLabel() {
        ModelProto model = OnnxModels.read(softmax.file());
        assertEquals(List.of("input"), model.getGraph().getInputList().stream().map(ValueInfoProto::getName).toList());
        ValueInfoProto output = model.getGraph().getOutput(0);
        assertEquals("logits", output.getName());
        assertEquals(DataType.FLOAT_VALUE, output.getType().getTensorType().getElemType());
        assertEquals(ClassifierHubFolder.LABELS.size(), output.getType().getTensorType().getShape().getDim(1)
                .getDimValue());
        NodeProto last = producer(model, "logits");
        if (last.getOpType().equals("Identity")) { // how the builder publishes an output under its own name
            last = producer(model, last.getInput(0));
        }
        assertEquals("Softmax", last.getOpType());
        for (NodeProto node : model.getGraph().getNodeList()) {
            assertTrue(node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx.contrib"), node.getOpType());
        }
    }

    private static NodeProto producer(ModelProto model, String tensor) {
        return model.getGraph().getNodeList().stream().filter(n -> n.getOutputList().contains(tensor)).findFirst()
                .orElseThrow();
    }

    /** OML4Py: "pass an empty post_processors list to turn softmax off". */
    @Test
    void anEmptyPostProcessorListGivesTheHeadsRawLogits() throws Exception {
        Map<String, Object> raw = Map.of("max_seq_length", 64, "post_processors", List.of());
        Converted logits = convert("raw", config(raw));
        assertTrue(logits.parity().passed(), logits.parity().toMap().toString());
        String text = "Quarterly revenue rose faster than analysts expected.";
        try (PipelineSession pipeline = PipelineSession.open(logits.file(), 1);
                ReferenceEmbedder reference = ReferenceEmbedder.open(plan(config(raw)), 1)) {
            float[] values = pipeline.embed(text);
            assertArrayEquals(reference.embed(text), values, 1e-5f);
            double sum = 0;
            for (float value : values) {
                sum += value;
            }
            assertTrue(Math.abs(sum - 1) > 1e-3, "raw logits, not probabilities: sum " + sum);
        }
        assertTrue(Json.MAPPER.readTree(logits.metadata()).path("modelDescription").path("description").asText()
                .contains("3 logits per text"), logits.metadata());
    }

    /** OML4Py's catalog lists ProsusAI/finbert, a classifier checkpoint, as an embedding model: its encoder embeds. */
    @Test
    void aClassifierCheckpointExportedWithoutItsHeadConvertsAsAnEmbedding() throws Exception {
        Path encoderOnly = MiniLmHubFolder.create(work.resolve("finbert-like"));
        Path config = encoderOnly.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"BertModel\"",
                "\"BertForSequenceClassification\""));
        EmbeddingModel model = new EmbeddingModel(ModelSource.resolve(encoderOnly.toString(), Settings.defaults()),
                config(Map.of("max_seq_length", 64)), Plugins.builtIn(), false, PipelineFunction.EMBEDDING);
        try (Artifact artifact = model.convert(work.resolve("staging"), (stage, fraction) -> { })) {
            assertEquals(384, artifact.dimensions().orElseThrow());
        }
    }

    @Test
    void labelsInTheConfigurationReplaceId2label() throws Exception {
        List<String> renamed = List.of("bullish", "bearish", "flat");
        Converted relabelled = convert("relabelled", config(Map.of("max_seq_length", 64, "labels", renamed)));
        assertEquals(Json.MAPPER.valueToTree(renamed), Json.MAPPER.readTree(relabelled.metadata()).path("labels"));
    }
}
