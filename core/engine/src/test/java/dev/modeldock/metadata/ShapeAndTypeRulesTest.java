package dev.modeldock.metadata;

import static dev.modeldock.metadata.Checks.FOUR_FEATURES;
import static dev.modeldock.metadata.Checks.assertNoCode;
import static dev.modeldock.metadata.Checks.assertOnly;
import static dev.modeldock.metadata.Checks.assertProblem;
import static dev.modeldock.metadata.Checks.assertValid;
import static dev.modeldock.metadata.Checks.check;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.TensorTypes;
import dev.modeldock.testkit.onnx.SmallModels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Element types and shapes of the tensors Oracle takes: ORA-54423 to ORA-54427. */
class ShapeAndTypeRulesTest {
    @TempDir
    static Path dir;

    private static ModelSignature embedder(DataType type, Object... outputDims) {
        return TestModels.signature(SmallModels.embedder(List.of(TensorTypes.tensor("input", DataType.STRING, "batch", 1)),
                "e", type, outputDims), dir);
    }

    private static final String EMBEDDING = "{'function': 'embedding'}";
    private static final String REGRESSION = "{'function': 'regression', " + FOUR_FEATURES + "}";

    @Test
    void anEmbeddingOutputOfShapeBatchBy8IsValid() {
        assertValid(check(embedder(DataType.FLOAT, "batch", 8), EMBEDDING));
    }

    @Test
    void anEmbeddingOutputWithNoFixedDimensionIsOra54423() {
        assertOnly(check(embedder(DataType.FLOAT, "batch"), EMBEDDING), OracleErrors.EMBEDDING_DIMENSIONS,
                "embeddingOutput", "\"e\"", "0 fixed");
    }

    @Test
    void embeddingOutputWithTwoFixedDimensionsIsOra54423() {
        assertOnly(check(embedder(DataType.FLOAT, "batch", 1, 8), EMBEDDING), OracleErrors.EMBEDDING_DIMENSIONS,
                "embeddingOutput", "2 fixed");
    }

    @Test
    void anEmbeddingOutputOfTwoDimensionsAboveOneIsOra54423AndOra54427() {
        List<MetadataProblem> problems = check(embedder(DataType.FLOAT, "batch", 2, 4), EMBEDDING);
        assertProblem(problems, OracleErrors.EMBEDDING_DIMENSIONS, "embeddingOutput", "2 fixed");
        assertProblem(problems, OracleErrors.LARGE_DIMENSIONS, "e", "several dimensions greater than one");
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE", "INT8"})
    void embeddingsMayBeFloat32Float64OrInt8(DataType type) {
        assertValid(check(embedder(type, "batch", 8), EMBEDDING));
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"INT32", "INT64", "UINT8", "FLOAT16", "STRING"})
    void anEmbeddingOfAnotherElementTypeIsOra54424(DataType type) {
        ModelSignature signature = type == DataType.FLOAT16 || type == DataType.STRING
                ? TestModels.declared(List.of(TensorTypes.tensor("input", DataType.STRING, "batch", 1)),
                        List.of(TensorTypes.tensor("e", type, "batch", 8)))
                : embedder(type, "batch", 8);
        assertOnly(check(signature, EMBEDDING), OracleErrors.UNSUPPORTED_TYPE, "embeddingOutput", type.name());
    }

    @Test
    void aStringProbabilityOutputIsOra54424() {
        ModelSignature signature = TestModels.signature(SmallModels.stringProbabilityClassifier(), dir);
        assertOnly(check(signature, "{'function': 'classification', " + FOUR_FEATURES + "}"),
                OracleErrors.UNSUPPORTED_TYPE, "classificationProbOutput", "STRING");
    }

    @Test
    void classificationProbabilitiesMustBeFloat32OrFloat64NotFloat16() {
        String classification = "{'function': 'classification', " + FOUR_FEATURES + "}";
        assertValid(check(TestModels.declaredOutputs(TensorTypes.tensor("p", DataType.DOUBLE, "batch", 3)), classification));
        assertOnly(check(TestModels.declaredOutputs(TensorTypes.tensor("p", DataType.FLOAT16, "batch", 3)), classification),
                OracleErrors.UNSUPPORTED_TYPE, "classificationProbOutput", "FLOAT16");
    }

    @Test
    void clusteringOutputsMayBeFloat16() {
        assertValid(check(TestModels.declaredOutputs(TensorTypes.tensor("d", DataType.FLOAT16, "batch", 3)),
                "{'function': 'clustering', " + FOUR_FEATURES + "}"));
        assertOnly(check(TestModels.declaredOutputs(TensorTypes.tensor("d", DataType.INT64, "batch", 3)),
                "{'function': 'clustering', " + FOUR_FEATURES + "}"), OracleErrors.UNSUPPORTED_TYPE,
                "clusteringDistanceOutput", "INT64");
    }

    @Test
    void regressionOutputsMayBeAnyNumberButNotAString() {
        assertValid(check(TestModels.declaredOutputs(TensorTypes.tensor("y", DataType.INT64, "batch", 1)), REGRESSION));
        assertValid(check(TestModels.declaredOutputs(TensorTypes.tensor("y", DataType.FLOAT16, "batch", 1)), REGRESSION));
        assertOnly(check(TestModels.declaredOutputs(TensorTypes.tensor("y", DataType.STRING, "batch", 1)), REGRESSION),
                OracleErrors.UNSUPPORTED_TYPE, "regressionOutput", "STRING");
    }

    @Test
    void aNonTensorOutputIsOra54424() {
        ModelSignature signature = TestModels.declaredOutputs(TensorTypes.tensor("probabilities", DataType.FLOAT, "batch", 3),
                TestModels.sequence("scores"));
        assertOnly(check(signature, "{'function': 'classification', 'classificationProbOutput': 'probabilities', "
                + FOUR_FEATURES + "}"), OracleErrors.UNSUPPORTED_TYPE, "scores", "not a tensor");
    }

    @Test
    void aNonTensorOutputUsedAsTheRegressionOutputIsReportedOnce() {
        ModelSignature signature = TestModels.declaredOutputs(TestModels.sequence("y"));
        assertOnly(check(signature, REGRESSION), OracleErrors.UNSUPPORTED_TYPE, "y", "not a tensor");
    }

    @Test
    void anOutputWithTwoVariableDimensionsIsOra54426() {
        ModelSignature signature = TestModels.declaredOutputs(TensorTypes.tensor("y", DataType.FLOAT, "batch", "n"));
        assertOnly(check(signature, REGRESSION), OracleErrors.VARIABLE_DIMENSIONS, "y", "2 variable");
    }

    @Test
    void anInputWithTwoVariableDimensionsIsOra54426() {
        ModelSignature signature = TestModels.declared(List.of(TensorTypes.tensor("tokens", DataType.STRING, "batch", "seq")),
                List.of(TensorTypes.tensor("e", DataType.FLOAT, "batch", 8)));
        List<MetadataProblem> problems = check(signature, "{'function': 'embedding', 'input': {'tokens': ['DATA']}}");
        assertOnly(problems, OracleErrors.VARIABLE_DIMENSIONS, "tokens", "input", "2 variable");
    }

    @Test
    void minusOneIsAVariableDimensionNotAnInvalidSize() {
        ModelSignature signature = TestModels.declaredOutputs(TensorTypes.tensor("y", DataType.FLOAT, -1, -1));
        List<MetadataProblem> problems = check(signature, REGRESSION);
        assertOnly(problems, OracleErrors.VARIABLE_DIMENSIONS, "y");
        assertNoCode(problems, OracleErrors.INVALID_DIMENSION);
    }

    @Test
    void anOutputWithSeveralDimensionsAboveOneIsOra54427() {
        ModelSignature signature = TestModels.declaredOutputs(TensorTypes.tensor("y", DataType.FLOAT, "batch", 3, 2));
        assertOnly(check(signature, REGRESSION), OracleErrors.LARGE_DIMENSIONS, "y", "[?, 3, 2]");
    }

    @Test
    void dimensionsOfOneBesideTheValuesAreFine() {
        ModelSignature signature = TestModels.declaredOutputs(TensorTypes.tensor("y", DataType.FLOAT, "batch", 1, 3, 1));
        assertValid(check(signature, "{'function': 'clustering', " + FOUR_FEATURES + "}"));
    }

    @Test
    void aDimensionOfSizeZeroIsOra54425() {
        ModelSignature signature = TestModels.declaredOutputs(TensorTypes.tensor("y", DataType.FLOAT, "batch", 0));
        assertOnly(check(signature, REGRESSION), OracleErrors.INVALID_DIMENSION, "y", "zero");
    }

    @Test
    void aDimensionBelowMinusOneIsOra54425() {
        ModelSignature signature = TestModels.declared(List.of(TensorTypes.tensor("x", DataType.FLOAT, "batch", -2)),
                List.of(TensorTypes.tensor("y", DataType.FLOAT, "batch", 1)));
        assertProblem(check(signature, "{'function': 'regression'}"), OracleErrors.INVALID_DIMENSION, "x");
    }

    @Test
    void shapeRulesApplyToOutputsTheFunctionDoesNotUseToo() {
        ModelSignature signature = TestModels.declaredOutputs(TensorTypes.tensor("y", DataType.FLOAT, "batch", 1),
                TensorTypes.tensor("debug", DataType.FLOAT, "batch", 0));
        assertOnly(check(signature, "{'function': 'regression', 'regressionOutput': 'y', " + FOUR_FEATURES + "}"),
                OracleErrors.INVALID_DIMENSION, "debug");
    }
}
