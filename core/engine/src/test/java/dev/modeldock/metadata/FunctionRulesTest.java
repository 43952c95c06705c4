package dev.modeldock.metadata;

import static dev.modeldock.metadata.Checks.assertNoCode;
import static dev.modeldock.metadata.Checks.assertOnly;
import static dev.modeldock.metadata.Checks.assertProblem;
import static dev.modeldock.metadata.Checks.assertValid;
import static dev.modeldock.metadata.Checks.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.testkit.onnx.SmallModels;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The mandatory "function" field: present, a string, and one of Oracle's four lowercase names. */
class FunctionRulesTest {
    @TempDir
    static Path dir;
    static ModelSignature regressor;
    static Map<MlFunction, ModelSignature> byFunction;

    @BeforeAll
    static void models() {
        regressor = TestModels.signature(SmallModels.regressor("variable", SmallModels.inputs("x", 1)), dir);
        byFunction = Map.of(
                MlFunction.REGRESSION, TestModels.signature(SmallModels.regressor("variable"), dir),
                MlFunction.CLASSIFICATION, TestModels.signature(
                        SmallModels.classifier("probabilities", SmallModels.Label.NONE), dir),
                MlFunction.CLUSTERING, TestModels.signature(SmallModels.clusterer("distances", 3, null, 0), dir),
                MlFunction.EMBEDDING, TestModels.signature(SmallModels.embedder("embedding"), dir));
    }

    @Test
    void eachOfTheFourFunctionsIsAcceptedOnItsOwnSingleOutputModel() {
        for (MlFunction function : MlFunction.values()) {
            String input = function == MlFunction.EMBEDDING ? "" : ", " + Checks.FOUR_FEATURES;
            assertValid(check(byFunction.get(function), "{'function': '" + function.jsonName() + "'" + input + "}"));
        }
    }

    @Test
    void functionJsonNamesAreOraclesLowercaseNames() {
        assertEquals(List.of("embedding", "regression", "classification", "clustering"),
                List.of(MlFunction.values()).stream().map(MlFunction::jsonName).toList());
    }

    @Test
    void anEmptyDocumentMissesTheFunctionWhichIsOra54402() {
        assertOnly(check(regressor, "{}"), OracleErrors.FUNCTION_MISSING, "function", "function");
    }

    @Test
    void aNullFunctionCountsAsMissingWhichIsOra54402() {
        assertOnly(check(regressor, "{'function': null}"), OracleErrors.FUNCTION_MISSING, "function");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Embedding", "EMBEDDING", "feature_extraction", "regresion", "", " embedding"})
    void aFunctionNameOracleDoesNotKnowIsOra54403(String name) {
        assertOnly(check(regressor, "{'function': '" + name + "'}"), OracleErrors.FUNCTION_INVALID, "function",
                "\"" + name + "\"");
    }

    @Test
    void aFunctionThatIsNotAStringIsOra54403() {
        assertProblem(check(regressor, "{'function': 5}"), OracleErrors.FUNCTION_INVALID, "function", "string");
        assertProblem(check(regressor, "{'function': ['regression']}"), OracleErrors.FUNCTION_INVALID, "function");
    }

    @Test
    void aFunctionThatIsNotAStringIsReportedOnlyAsOra54403() {
        assertOnly(check(regressor, "{'function': 5}"), OracleErrors.FUNCTION_INVALID, "function");
    }

    @Test
    void withAnInvalidFunctionNoOutputIsJudged() {
        // The regressor's output would be an invalid embedding (one fixed dimension of 1 is fine, but
        // the point is that output rules of no function run at all).
        List<MetadataProblem> problems = check(regressor, "{'function': 'Embedding', 'regressionOutput': 'nope'}");
        assertProblem(problems, OracleErrors.FUNCTION_INVALID, "function");
        assertNoCode(problems, OracleErrors.OUTPUT_NOT_FOUND);
        assertNoCode(problems, OracleErrors.UNDOCUMENTED);
    }

    @Test
    void fromJsonComparesExactly() {
        assertEquals(MlFunction.CLUSTERING, MlFunction.fromJson("clustering").orElseThrow());
        assertTrue(MlFunction.fromJson("Clustering").isEmpty());
        assertTrue(MlFunction.fromJson(null).isEmpty());
    }

    @Test
    void eachFunctionNamesItsMainOutputField() {
        assertEquals("embeddingOutput", MlFunction.EMBEDDING.defaultOutputField());
        assertEquals("regressionOutput", MlFunction.REGRESSION.defaultOutputField());
        assertEquals("classificationProbOutput", MlFunction.CLASSIFICATION.defaultOutputField());
        assertEquals("clusteringDistanceOutput", MlFunction.CLUSTERING.defaultOutputField());
    }
}
