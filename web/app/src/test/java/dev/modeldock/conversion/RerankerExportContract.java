package dev.modeldock.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
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
import dev.modeldock.testkit.plugin.Plugins;
import dev.modeldock.validation.ParityReport;
import dev.modeldock.validation.ProbePairs;
import dev.modeldock.validation.ReferenceEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cross-encoder ({@link dev.modeldock.testkit.CrossEncoderHubFolder}) converted with function regression through the real
 * plugins: a pipeline taking the pair as two strings, tokenizing it in the graph as Hugging Face does,
 * and giving the encoder's logits; checked against the reference and Oracle's metadata rules. One
 * subclass per tokenizer family.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RerankerExportContract {
    /** The cross-encoder's configuration: the text template without its pooling and normalization. */
    static final Map<String, Object> RERANKER = Map.of("max_seq_length", 64, "post_processors", List.of());

    Path hubFolder;
    ParityReport parity;
    String metadata;
    Path exported;

    /** Lays out the cross-encoder under {@code root}; returns its folder. */
    abstract Path createModel(Path root);

    /**
     * Whether the family's pair template gives the two texts different token types (BERT's does);
     * without them the test encoder's mean over tokens is the same for the texts swapped.
     */
    abstract boolean tokenTypesTellTheTextsApart();

    /** The tokenizer metadata value the family's plugin names. */
    abstract String tokenizer();

    @BeforeAll
    void convertTheCrossEncoder(@TempDir Path work) throws Exception {
        hubFolder = createModel(work.resolve("hub"));
        EmbeddingModel model = new EmbeddingModel(ModelSource.resolve(hubFolder.toString(), Settings.defaults()),
                config(), Plugins.builtIn(), false, PipelineFunction.REGRESSION);
        try (Artifact artifact = model.convert(work.resolve("staging"), (stage, fraction) -> { })) {
            parity = artifact.provenance().parity();
            metadata = artifact.metadata();
            assertTrue(artifact.dimensions().isEmpty(), "a score has no vector width");
            exported = work.resolve("reranker.onnx");
            Files.copy(artifact.file(), exported);
        }
        parity.describe().forEach(line -> System.out.println(tokenizer() + " reranker parity: " + line));
    }

    /** The text template without its post-processors, with the family's own properties. */
    EmbeddingModelConfig config() {
        return EmbeddingModelConfig.fromTemplate("text", RERANKER);
    }

    @Test
    void pairTokenIdsAndScoresMatchTheReferenceOnEveryAsciiPair() {
        Map<String, Object> report = parity.toMap();
        @SuppressWarnings("unchecked")
        Map<String, Object> ascii = (Map<String, Object>) report.get("ascii");
        assertTrue(parity.passed(), report.toString());
        assertEquals(ascii.get("texts"), ascii.get("tokenIdsAgree"), "token ids differ on ASCII pairs: " + ascii);
        assertTrue((double) ascii.get("maxAbsDifference") <= ParityReport.MAX_ASCII_SCORE_DIFFERENCE, ascii.toString());
        assertTrue(report.containsKey("non_ascii"), "non-ASCII pairs are measured and reported: " + report);
    }

    @Test
    void metadataNamesTheRegressionOutputAndTwoAttributesAndPassesTheChecker() throws Exception {
        JsonNode json = Json.MAPPER.readTree(metadata);
        assertEquals("regression", json.path("function").asText(), metadata);
        assertEquals("logits", json.path("regressionOutput").asText(), metadata);
        assertEquals(Json.MAPPER.readTree("{\"first_input\":[\"DATA1\"],\"second_input\":[\"DATA2\"]}"),
                json.path("input"), metadata);
        assertTrue(json.path("embeddingOutput").isMissingNode() && json.path("pooling").isMissingNode()
                && json.path("normalization").isMissingNode(), "no vector fields: " + metadata);
        assertEquals(tokenizer(), json.path("tokenizer").asText(), metadata);
        assertEquals(64, json.path("maxSequenceLength").asInt(), metadata);
        List<MetadataProblem> problems = MetadataChecker.check(ModelSignature.of(OnnxModels.read(exported)), metadata,
                new CheckContext(null, Files.size(exported), OracleRelease.DB_26AI));
        assertTrue(problems.stream().noneMatch(MetadataProblem::isError), problems.toString());
    }

    @Test
    void theFileTakesTwoStringsAndGivesLogitsWithStandardOpsAndTheTokenizerOpsOnly() {
        ModelProto model = OnnxModels.read(exported);
        List<ValueInfoProto> inputs = model.getGraph().getInputList();
        assertEquals(List.of("first_input", "second_input"), inputs.stream().map(ValueInfoProto::getName).toList());
        inputs.forEach(input -> assertEquals(DataType.STRING_VALUE, input.getType().getTensorType().getElemType()));
        assertEquals(1, model.getGraph().getOutputCount());
        ValueInfoProto output = model.getGraph().getOutput(0);
        assertEquals("logits", output.getName());
        assertEquals(DataType.FLOAT_VALUE, output.getType().getTensorType().getElemType());
        assertEquals(1, output.getType().getTensorType().getShape().getDim(1).getDimValue());
        for (OperatorSetIdProto opset : model.getOpsetImportList()) {
            assertTrue(opset.getDomain().isEmpty() ? opset.getVersion() <= 17 : opset.getDomain().equals(
                    "ai.onnx.contrib"), opset.toString());
        }
        for (NodeProto node : model.getGraph().getNodeList()) {
            assertTrue(node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx.contrib"), node.getOpType());
        }
    }

    /** The exported file against the reference directly, on pairs the parity check also holds. */
    @Test
    void scoresEqualTheReferenceLogitsAndDifferentPairsScoreDifferently() {
        PipelinePlan plan = PipelinePlan.create(HubModel.open(new ModelFolder("cross", hubFolder)),
                EncoderGraph.of(OnnxModels.read(hubFolder.resolve("onnx/model.onnx"))), config(),
                PipelineFunction.REGRESSION, Plugins.builtIn());
        Set<Float> scores = new HashSet<>();
        List<ProbePairs.Pair> pairs = ProbePairs.builtIn().subList(0, 12);
        try (PipelineSession pipeline = PipelineSession.open(exported, 1);
                ReferenceEmbedder reference = ReferenceEmbedder.open(plan, 1)) {
            for (ProbePairs.Pair pair : pairs) {
                float[] score = pipeline.score(pair.first(), pair.second());
                assertEquals(1, score.length);
                assertEquals(reference.score(pair.first(), pair.second())[0], score[0], 1e-4f, pair.toString());
                scores.add(score[0]);
            }
            if (tokenTypesTellTheTextsApart()) {
                // The same texts the other way round are another pair: the token types differ.
                ProbePairs.Pair first = pairs.get(0);
                assertNotEquals(pipeline.score(first.first(), first.second())[0],
                        pipeline.score(first.second(), first.first())[0]);
            }
        }
        assertEquals(pairs.size(), scores.size(), "every pair its own score: " + scores);
    }
}
