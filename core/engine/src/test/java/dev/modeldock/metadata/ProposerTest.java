package dev.modeldock.metadata;

import static dev.modeldock.metadata.Checks.assertValid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.TensorTypes;
import dev.modeldock.testkit.onnx.SmallModels;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Proposed metadata is complete enough that the checker accepts it, with valid attribute names. */
class ProposerTest {
    @TempDir
    static Path dir;

    private static OnnxMetadata propose(ModelProto model, MlFunction function) {
        return MetadataProposer.propose(TestModels.signature(model, dir), function);
    }

    /** Checks the proposal as the user gets it: written to JSON and checked as text. */
    private static List<MetadataProblem> checkWritten(ModelProto model, MlFunction function) {
        ModelSignature signature = TestModels.signature(model, dir);
        return MetadataChecker.check(signature, MetadataJson.write(MetadataProposer.propose(signature, function)),
                new CheckContext("doc_model", 10_000, OracleRelease.DB_26AI));
    }

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of(MlFunction.EMBEDDING, SmallModels.embedder("embedding")),
                Arguments.of(MlFunction.EMBEDDING, SmallModels.embedder(List.of(TensorTypes.tensor("input", DataType.STRING, 1)),
                        "embedding", DataType.FLOAT, "batch", 384)),
                Arguments.of(MlFunction.REGRESSION, SmallModels.regressor("variable")),
                Arguments.of(MlFunction.REGRESSION, SmallModels.regressor("y", SmallModels.inputs("age", 1, "features", 4))),
                Arguments.of(MlFunction.CLASSIFICATION, SmallModels.classifier("probabilities", SmallModels.Label.NONE)),
                Arguments.of(MlFunction.CLASSIFICATION, SmallModels.classifier("probabilities", SmallModels.Label.STRINGS)),
                Arguments.of(MlFunction.CLASSIFICATION, SmallModels.classifier("scores", SmallModels.Label.INTEGERS)),
                Arguments.of(MlFunction.CLUSTERING, SmallModels.clusterer()),
                Arguments.of(MlFunction.CLUSTERING, SmallModels.clusterer("scores", 3, null, 0)));
    }

    @ParameterizedTest(name = "{0} #{index}")
    @MethodSource("fixtures")
    void theProposalPassesTheCheckerWithoutErrors(MlFunction function, ModelProto model) {
        ModelSignature signature = TestModels.signature(model, dir);
        OnnxMetadata proposal = MetadataProposer.propose(signature, function);
        assertEquals(function.jsonName(), proposal.function());
        assertValid(MetadataChecker.check(signature, proposal, CheckContext.none()));
        assertValid(checkWritten(model, function));
    }

    @Test
    void aClassifierProposalNamesBothTheProbabilitiesAndTheLabels() {
        OnnxMetadata proposal = propose(SmallModels.classifier("probabilities", SmallModels.Label.STRINGS), MlFunction.CLASSIFICATION);
        assertEquals("probabilities", proposal.classificationProbOutput());
        assertEquals("label", proposal.classificationLabelOutput());
        assertNull(proposal.labels());
        OnnxMetadata integers = propose(SmallModels.classifier("scores", SmallModels.Label.INTEGERS), MlFunction.CLASSIFICATION);
        assertEquals("scores", integers.classificationProbOutput());
        assertEquals("label", integers.classificationLabelOutput());
    }

    @Test
    void aClassifierWithoutLabelsGetsNoLabelOutput() {
        OnnxMetadata proposal = propose(SmallModels.classifier("probabilities", SmallModels.Label.NONE), MlFunction.CLASSIFICATION);
        assertEquals("probabilities", proposal.classificationProbOutput());
        assertNull(proposal.classificationLabelOutput());
    }

    @Test
    void anEmbeddingProposalMapsItsTextInputToData() {
        OnnxMetadata proposal = propose(SmallModels.embedder("sentence_embedding"), MlFunction.EMBEDDING);
        assertEquals(Map.of("input", List.of("DATA")), proposal.input());
        assertEquals("sentence_embedding", proposal.embeddingOutput());
        assertNull(proposal.regressionOutput());
        assertNull(proposal.normalizeProb());
    }

    @Test
    void anEmbeddingInputWithABadTensorNameIsStillMappedToData() {
        ModelProto model = SmallModels.embedder(List.of(TensorTypes.tensor("input.1", DataType.STRING, "batch", 1)),
                "embedding", DataType.FLOAT, "batch", 8);
        assertEquals(Map.of("input.1", List.of("DATA")), propose(model, MlFunction.EMBEDDING).input());
        assertValid(checkWritten(model, MlFunction.EMBEDDING));
    }

    @Test
    void anEmbeddingProposalPicksTheFloatVectorAmongSeveralOutputs() {
        ModelSignature signature = TestModels.declared(List.of(TensorTypes.tensor("input", DataType.STRING, "batch", 1)),
                List.of(TensorTypes.tensor("token_count", DataType.INT64, "batch", 1),
                        TensorTypes.tensor("vector", DataType.FLOAT, "batch", 8)));
        OnnxMetadata proposal = MetadataProposer.propose(signature, MlFunction.EMBEDDING);
        assertEquals("vector", proposal.embeddingOutput());
        assertValid(MetadataChecker.check(signature, proposal, CheckContext.none()));
    }

    @Test
    void aClusteringProposalNamesDistancesAndProbabilities() {
        OnnxMetadata proposal = propose(SmallModels.clusterer("cluster_distance", 3, "cluster_prob", 3), MlFunction.CLUSTERING);
        assertEquals("cluster_distance", proposal.clusteringDistanceOutput());
        assertEquals("cluster_prob", proposal.clusteringProbOutput());
        // probabilities first: the distances are found by name, not by order
        ModelSignature reversed = TestModels.declaredOutputs(TensorTypes.tensor("prob", DataType.FLOAT, "batch", 3),
                TensorTypes.tensor("dist", DataType.FLOAT, "batch", 3));
        OnnxMetadata byName = MetadataProposer.propose(reversed, MlFunction.CLUSTERING);
        assertEquals("dist", byName.clusteringDistanceOutput());
        assertEquals("prob", byName.clusteringProbOutput());
    }

    @Test
    void aWideInputGetsOneNumberedAttributePerValue() {
        OnnxMetadata proposal = propose(SmallModels.regressor("y", SmallModels.inputs("age", 1, "features", 4)),
                MlFunction.REGRESSION);
        assertEquals(List.of("age"), proposal.input().get("age"));
        assertEquals(List.of("features_1", "features_2", "features_3", "features_4"), proposal.input().get("features"));
        assertEquals("y", proposal.regressionOutput());
    }

    @ParameterizedTest
    @CsvSource({"input.1, input_1", "1abc, A1abc", "x-y z, x_y_z", "_hidden, A_hidden", "Größe, Größe", "serving:0, serving_0"})
    void badTensorNamesAreSanitisedIntoValidIdentifiers(String tensor, String attribute) {
        ModelSignature signature = TestModels.signature(SmallModels.regressor("y", SmallModels.inputs(tensor, 1)), dir);
        OnnxMetadata proposal = MetadataProposer.propose(signature, MlFunction.REGRESSION);
        assertEquals(List.of(attribute), proposal.input().get(tensor));
        assertValid(MetadataChecker.check(signature, proposal, CheckContext.none()));
    }

    @Test
    void aLongTensorNameIsCutToAValidIdentifierEvenWhenNumbered() {
        String name = "feature_" + "x".repeat(200);
        ModelSignature signature = TestModels.signature(SmallModels.regressor("y", SmallModels.inputs(name, 1, name + "s", 3)), dir);
        OnnxMetadata proposal = MetadataProposer.propose(signature, MlFunction.REGRESSION);
        assertEquals(128, ((String) proposal.input().get(name).get(0)).length());
        proposal.input().get(name + "s").forEach(a -> assertTrue(((String) a).length() <= 128, (String) a));
        assertValid(MetadataChecker.check(signature, proposal, CheckContext.none()));
    }

    @Test
    void theIdentifierOfAnEmptyNameIsALetter() {
        assertEquals("A", MetadataProposer.identifier(""));
        assertEquals("A_", MetadataProposer.identifier("."));
    }

    @Test
    void aLongMultibyteTensorNameIsCutToAtMost128Bytes() {
        ModelSignature signature = TestModels.signature(SmallModels.regressor("y", SmallModels.inputs("é".repeat(100), 1)), dir);
        assertValid(MetadataChecker.check(signature, MetadataProposer.propose(signature, MlFunction.REGRESSION),
                CheckContext.none()));
    }

    @Test
    void tensorNamesThatSanitiseAlikeGetDistinctAttributes() {
        ModelSignature signature = TestModels.signature(SmallModels.regressor("y", SmallModels.inputs("a.b", 1, "a_b", 1)), dir);
        assertValid(MetadataChecker.check(signature, MetadataProposer.propose(signature, MlFunction.REGRESSION),
                CheckContext.none()));
    }

    @Test
    void anEmbeddingProposalPicksAnOutputTypeTheCheckerAccepts() {
        ModelSignature signature = TestModels.declared(List.of(TensorTypes.tensor("input", DataType.STRING, "batch", 1)),
                List.of(TensorTypes.tensor("half", DataType.FLOAT16, "batch", 8),
                        TensorTypes.tensor("quantized", DataType.INT8, "batch", 8)));
        OnnxMetadata proposal = MetadataProposer.propose(signature, MlFunction.EMBEDDING);
        assertEquals("quantized", proposal.embeddingOutput());
        assertValid(MetadataChecker.check(signature, proposal, CheckContext.none()));
    }

    @Test
    void aPredictedLabelPerRowIsNotProposedAsTheLabelOutput() {
        assertValid(checkWritten(SmallModels.classifier("probabilities", SmallModels.Label.PREDICTED_INT32),
                MlFunction.CLASSIFICATION));
    }
}
