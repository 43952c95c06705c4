package dev.modeldock.metadata;

import static dev.modeldock.metadata.Checks.FOUR_FEATURES;
import static dev.modeldock.metadata.Checks.assertOnly;
import static dev.modeldock.metadata.Checks.assertValid;
import static dev.modeldock.metadata.Checks.check;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.TensorTypes;
import dev.modeldock.testkit.onnx.SmallModels;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Class labels: inline "labels", or a "classificationLabelOutput" tensor, never both. */
class LabelRulesTest {
    @TempDir
    static Path dir;
    /** "probabilities" FLOAT[batch, 3] only. */
    static ModelSignature classifier;

    @BeforeAll
    static void models() {
        classifier = TestModels.signature(SmallModels.classifier("probabilities", SmallModels.Label.NONE), dir);
    }

    private static String classification(String more) {
        return "{'function': 'classification', " + FOUR_FEATURES + ", " + more + "}";
    }

    private static ModelSignature withLabel(SmallModels.Label label) {
        return TestModels.signature(SmallModels.classifier("probabilities", label), dir);
    }

    private static String labelOutput() {
        return classification("'classificationProbOutput': 'probabilities', 'classificationLabelOutput': 'label'");
    }

    @Test
    void stringLabelsOnePerClassAreValid() {
        assertValid(check(classifier, classification("'labels': ['setosa', 'versicolor', 'virginica']")));
    }

    @Test
    void numericLabelsOnePerClassAreValid() {
        assertValid(check(classifier, classification("'labels': [1, 2.5, -3]")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"['a', 'b']", "['a', 'b', 'c', 'd']", "[]"})
    void aLabelCountOtherThanTheClassCountIsOra54418(String labels) {
        assertOnly(check(classifier, classification("'labels': " + labels)), OracleErrors.LABELS_COUNT, "labels",
                "3 classes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"['a', 1, 'c']", "[1, 2, '3']", "[true, false, true]", "['a', null, 'c']", "[['a'], 'b', 'c']"})
    void labelsThatAreNotAllStringsOrAllNumbersAreOra54417(String labels) {
        assertOnly(check(classifier, classification("'labels': " + labels)), OracleErrors.LABELS_TYPE, "labels");
    }

    @Test
    void labelsThatAreNotAnArrayAreOra54417() {
        assertOnly(check(classifier, classification("'labels': 'a,b,c'")), OracleErrors.LABELS_TYPE, "labels", "array");
    }

    @Test
    void aLabelOf4001BytesIsOra54445() {
        assertOnly(check(classifier, classification("'labels': ['a', '" + "x".repeat(4001) + "', 'c']")),
                OracleErrors.LABEL_TOO_LONG, "labels[1]", "4001 bytes");
    }

    @Test
    void aLabelOf4000BytesIsValidEvenInTwoByteCharacters() {
        assertValid(check(classifier, classification("'labels': ['" + "x".repeat(4000) + "', '" + "é".repeat(2000)
                + "', 'c']")));
    }

    @Test
    void theLabelLimitCountsBytesNotCharacters() {
        // 2001 characters, 4002 bytes in UTF-8
        assertOnly(check(classifier, classification("'labels': ['a', 'b', '" + "é".repeat(2001) + "']")),
                OracleErrors.LABEL_TOO_LONG, "labels[2]", "4002 bytes");
        // 1334 characters, 4002 bytes
        assertOnly(check(classifier, classification("'labels': ['" + "€".repeat(1334) + "', 'b', 'c']")),
                OracleErrors.LABEL_TOO_LONG, "labels[0]", "4002 bytes");
    }

    @ParameterizedTest
    @EnumSource(value = MlFunction.class, names = {"REGRESSION", "CLUSTERING", "EMBEDDING"})
    void labelsForAFunctionOtherThanClassificationAreRefused(MlFunction function) {
        ModelSignature signature = switch (function) {
            case REGRESSION -> TestModels.signature(SmallModels.regressor("y"), dir);
            case CLUSTERING -> TestModels.signature(SmallModels.clusterer("distances", 3, null, 0), dir);
            default -> TestModels.signature(SmallModels.embedder("embedding"), dir);
        };
        String input = function == MlFunction.EMBEDDING ? "" : FOUR_FEATURES + ", ";
        assertOnly(check(signature, "{'function': '" + function.jsonName() + "', " + input + "'labels': ['a', 'b', 'c']}"),
                OracleErrors.UNDOCUMENTED, "labels", "classification", function.jsonName());
    }

    @Test
    void labelsTogetherWithALabelOutputAreOra54437() {
        assertOnly(check(withLabel(SmallModels.Label.STRINGS), classification("'classificationProbOutput': 'probabilities',"
                + " 'classificationLabelOutput': 'label', 'labels': ['a', 'b', 'c']")),
                OracleErrors.LABELS_AND_LABEL_OUTPUT, "labels", "both");
    }

    @Test
    void aStringLabelOutputWithOneLabelPerClassIsValid() {
        assertValid(check(withLabel(SmallModels.Label.STRINGS), labelOutput()));
    }

    @Test
    void anIntegerLabelOutputWithOneLabelPerClassIsValid() {
        assertValid(check(withLabel(SmallModels.Label.INTEGERS), labelOutput()));
    }

    @Test
    void aFloatLabelOutputIsOra54438() {
        assertOnly(check(withLabel(SmallModels.Label.FLOATS), labelOutput()), OracleErrors.LABEL_OUTPUT_TYPE,
                "classificationLabelOutput", "\"label\"", "FLOAT", "strings or integers");
    }

    @Test
    void aLabelOutputWithOneLabelTooManyIsOra54438() {
        assertOnly(check(withLabel(SmallModels.Label.FOUR_STRINGS), labelOutput()), OracleErrors.LABEL_OUTPUT_TYPE,
                "classificationLabelOutput", "one per class (3)");
    }

    @Test
    void aPredictedClassPerRowIsNotALabelPerClassWhichIsOra54438() {
        assertOnly(check(withLabel(SmallModels.Label.PREDICTED_INT32), labelOutput()), OracleErrors.LABEL_OUTPUT_TYPE,
                "classificationLabelOutput", "INT32[?]");
    }

    @Test
    void theLabelOutputIsCountedAgainstTheOnlyProbabilityOutputWhenNoneIsNamed() {
        ModelSignature signature = TestModels.declaredOutputs(TensorTypes.tensor("classificationProbOutput", DataType.FLOAT,
                "batch", 2), TensorTypes.tensor("label", DataType.STRING, 3));
        assertOnly(check(signature, classification("'classificationLabelOutput': 'label'")),
                OracleErrors.LABEL_OUTPUT_TYPE, "classificationLabelOutput", "(2)");
    }

    @Test
    void aNonTensorLabelOutputIsReportedNotACrash() {
        ModelSignature signature = TestModels.declaredOutputs(TensorTypes.tensor("probabilities", DataType.FLOAT, "batch", 3),
                TestModels.sequence("label"));
        assertDoesNotThrow(() -> Checks.assertProblem(check(signature, labelOutput()), OracleErrors.UNSUPPORTED_TYPE,
                "label", "not a tensor"));
    }
}
