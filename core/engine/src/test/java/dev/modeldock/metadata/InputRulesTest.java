package dev.modeldock.metadata;

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
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The "input" mapping from model inputs to attribute names, and the names implied without it. */
class InputRulesTest {
    @TempDir
    static Path dir;
    /** One float "input" [batch, 4]. */
    static ModelSignature wide;
    /** "age" [batch, 1] and "features" [batch, 4]. */
    static ModelSignature ageAndFeatures;

    @BeforeAll
    static void models() {
        wide = TestModels.signature(SmallModels.regressor("variable"), dir);
        ageAndFeatures = TestModels.signature(SmallModels.regressor("y", SmallModels.inputs("age", 1, "features", 4)), dir);
    }

    private static String regression(String input) {
        return "{'function': 'regression', 'input': " + input + "}";
    }

    @Test
    void aWideInputMappedToOneNamePerValueIsValid() {
        assertValid(check(wide, regression("{'input': ['SEPAL_L', 'SEPAL_W', 'PETAL_L', 'PETAL_W']}")));
    }

    @Test
    void aKeyThatIsNotAModelInputIsOra54408() {
        List<MetadataProblem> problems = check(wide, regression("{'inputs': ['A', 'B', 'C', 'D']}"));
        assertProblem(problems, OracleErrors.INPUT_NOT_MODEL_INPUT, "input.inputs", "\"inputs\"", "input");
    }

    @Test
    void inputKeysAreMatchedCaseSensitively() {
        assertProblem(check(wide, regression("{'INPUT': ['A', 'B', 'C', 'D']}")),
                OracleErrors.INPUT_NOT_MODEL_INPUT, "input.INPUT");
    }

    @Test
    void aNumberAmongTheAttributeNamesIsOra54409() {
        assertOnly(check(wide, regression("{'input': ['A', 2, 'C', 'D']}")), OracleErrors.INPUT_NOT_STRING_ARRAY,
                "input.input[1]", "2", "not a string");
    }

    @Test
    void aNullAmongTheAttributeNamesIsOra54409() {
        assertOnly(check(wide, regression("{'input': ['A', null, 'C', 'D']}")), OracleErrors.INPUT_NOT_STRING_ARRAY,
                "input.input[1]", "null");
    }

    @Test
    void anInputValueThatIsNotAnArrayIsOra54409() {
        assertProblem(check(ageAndFeatures, regression("{'age': 'AGE'}")), OracleErrors.INPUT_NOT_STRING_ARRAY,
                "input.age", "array");
    }

    @Test
    void tooFewNamesForAWideInputIsOra54420() {
        assertOnly(check(wide, regression("{'input': ['A', 'B', 'C']}")), OracleErrors.INPUT_NAME_COUNT, "input.input",
                "4 value", "3 attribute");
    }

    @Test
    void tooManyNamesForAWideInputIsOra54420() {
        assertOnly(check(ageAndFeatures, regression("{'age': ['AGE', 'AGE2'], 'features': ['A', 'B', 'C', 'D']}")), OracleErrors.INPUT_NAME_COUNT,
                "input.age", "1 value", "2 attribute");
    }

    @Test
    void anUnmappedInputWiderThanOneIsOra54406() {
        assertOnly(check(ageAndFeatures, "{'function': 'regression'}"), OracleErrors.INPUT_NEEDS_NAMES,
                "input.features", "features", "[batch, 1]");
    }

    @Test
    void mappingOnlyTheWideInputLeavesTheOtherNamedByItsTensor() {
        assertValid(check(ageAndFeatures, regression("{'features': ['F1', 'F2', 'F3', 'F4']}")));
    }

    @Test
    void withoutAnInputFieldBatchByOneInputsAreValidAndTheirTensorNamesAreTheAttributes() {
        ModelSignature twoColumns = TestModels.signature(SmallModels.regressor("y", SmallModels.inputs("age", 1, "height", 1)), dir);
        assertValid(check(twoColumns, "{'function': 'regression'}"));
        assertValid(check(twoColumns, "{'function': 'regression', 'defaultOnNull': {'age': '0', 'height': '0'}}"));
        assertProblem(check(twoColumns, "{'function': 'regression', 'defaultOnNull': {'weight': '0'}}"),
                OracleErrors.DEFAULT_ON_NULL_NOT_ATTRIBUTE, "defaultOnNull.weight", "age", "height");
    }

    @ParameterizedTest
    @ValueSource(strings = {"input.1", "1abc", "_x", "my col", "my-col", "a b c", ""})
    void anAttributeNameThatIsNoOracleIdentifierIsOra54436(String name) {
        assertOnly(check(ageAndFeatures, regression("{'age': ['" + name + "'], 'features': ['A', 'B', 'C', 'D']}")),
                OracleErrors.INVALID_ATTRIBUTE_NAME, "input", name.isEmpty() ? "empty" : name);
    }

    @Test
    void anAttributeNameOf129BytesIsOra54436AndOf128BytesIsValid() {
        assertOnly(check(ageAndFeatures, regression("{'age': ['" + "A".repeat(129) + "'], 'features': ['A', 'B', 'C', 'D']}")),
                OracleErrors.INVALID_ATTRIBUTE_NAME, "input", "129 bytes");
        assertValid(check(ageAndFeatures, regression("{'age': ['" + "A".repeat(128) + "'], 'features': ['A', 'B', 'C', 'D']}")));
    }

    @Test
    void theIdentifierLimitCountsBytesNotCharacters() {
        assertValid(check(ageAndFeatures, regression("{'age': ['" + "é".repeat(64) + "'], 'features': ['A', 'B', 'C', 'D']}")));
        assertOnly(check(ageAndFeatures, regression("{'age': ['" + "é".repeat(65) + "'], 'features': ['A', 'B', 'C', 'D']}")),
                OracleErrors.INVALID_ATTRIBUTE_NAME, "input", "130 bytes");
    }

    @Test
    void identifiersMayHoldDigitsDollarAndHashAfterTheFirstLetter() {
        assertValid(check(ageAndFeatures, regression("{'age': ['A$1'], 'features': ['b#2', 'c_3', 'Übung', 'x']}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT", "date", "Table"})
    void aReservedWordAsAttributeNameIsOra54436(String name) {
        assertOnly(check(ageAndFeatures, regression("{'age': ['" + name + "'], 'features': ['A', 'B', 'C', 'D']}")),
                OracleErrors.INVALID_ATTRIBUTE_NAME, "input", name);
    }

    @Test
    void anUnmappedTensorNameThatIsNoIdentifierIsOra54436() {
        ModelSignature dotted = TestModels.signature(SmallModels.regressor("y", SmallModels.inputs("input.1", 1)), dir);
        assertOnly(check(dotted, "{'function': 'regression'}"), OracleErrors.INVALID_ATTRIBUTE_NAME, "input", "input.1");
        assertValid(check(dotted, "{'function': 'regression', 'input': {'input.1': ['X1']}}"));
    }

    @Test
    void twoAttributesDifferingOnlyInCaseAreADuplicate() {
        ModelSignature twoColumns = TestModels.signature(SmallModels.regressor("y", SmallModels.inputs("a", 1, "b", 1)), dir);
        assertOnly(check(twoColumns, regression("{'a': ['AGE'], 'b': ['age']}")), OracleErrors.UNDOCUMENTED, "input",
                "'age'", "twice");
    }

    @Test
    void aRepeatedNameWithinOneInputIsADuplicate() {
        assertOnly(check(wide, regression("{'input': ['F', 'G', 'f', 'H']}")), OracleErrors.UNDOCUMENTED, "input", "twice");
    }

    @Test
    void aMappedNameEqualToAnUnmappedTensorNameIsADuplicate() {
        assertOnly(check(ageAndFeatures, regression("{'features': ['AGE', 'B', 'C', 'D']}")), OracleErrors.UNDOCUMENTED,
                "input", "twice");
    }

    @Test
    void anEmbeddingModelWithTwoInputsGivesTwoAttributesWhichIsOra54449() {
        ModelSignature twoTexts = TestModels.signature(SmallModels.embedder(List.of(
                TensorTypes.tensor("title", DataType.STRING, "batch", 1),
                TensorTypes.tensor("body", DataType.STRING, "batch", 1)), "embedding", DataType.FLOAT, "batch", 8), dir);
        assertOnly(check(twoTexts, "{'function': 'embedding'}"), OracleErrors.INVALID_EMBEDDING_METADATA, "input",
                "2", "title", "body");
    }

    @Test
    void anEmbeddingInputMappedToTwoAttributesIsOra54449() {
        ModelSignature pair = TestModels.signature(SmallModels.embedder(List.of(
                TensorTypes.tensor("input", DataType.STRING, "batch", 2)), "embedding", DataType.FLOAT, "batch", 8), dir);
        assertOnly(check(pair, "{'function': 'embedding', 'input': {'input': ['TITLE', 'BODY']}}"),
                OracleErrors.INVALID_EMBEDDING_METADATA, "input", "TITLE", "BODY");
    }

    @Test
    void moreThan4096InputValuesIsOra54448() {
        ModelSignature huge = TestModels.signature(SmallModels.regressor("y", SmallModels.inputs("input", 4097)), dir);
        assertOnly(check(huge, regression("{'input': " + names(4097) + "}")), OracleErrors.TOO_MANY_INPUT_VALUES,
                "input", "4097", "4096");
    }

    @Test
    void exactly4096InputValuesAreAllowed() {
        ModelSignature full = TestModels.signature(SmallModels.regressor("y", SmallModels.inputs("input", 4096)), dir);
        assertValid(check(full, regression("{'input': " + names(4096) + "}")));
    }

    @Test
    void theLimitOf4096CountsTheValuesOfAllInputsTogether() {
        ModelSignature split = TestModels.signature(SmallModels.regressor("y", SmallModels.inputs("a", 4000, "b", 97)), dir);
        List<MetadataProblem> problems = check(split, regression("{'a': " + names(4000) + ", 'b': " + names(97).replace("C", "D") + "}"));
        assertOnly(problems, OracleErrors.TOO_MANY_INPUT_VALUES, "input", "4097");
    }

    @Test
    void anInputOfAnUnsupportedElementTypeIsOra54424() {
        ModelSignature complex = TestModels.declared(List.of(TensorTypes.tensor("z", DataType.COMPLEX64, "batch", 1)),
                List.of(TensorTypes.tensor("y", DataType.FLOAT, "batch", 1)));
        assertOnly(check(complex, "{'function': 'regression'}"), OracleErrors.UNSUPPORTED_TYPE, "z", "COMPLEX64");
        assertNoCode(check(wide, regression("{'input': ['A', 'B', 'C', 'D']}")), OracleErrors.UNSUPPORTED_TYPE);
    }

    private static String names(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "'C" + i + "'").collect(Collectors.joining(", ", "[", "]"));
    }
}
