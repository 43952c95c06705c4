package dev.modeldock.metadata;

import static dev.modeldock.metadata.Checks.assertOnly;
import static dev.modeldock.metadata.Checks.assertProblem;
import static dev.modeldock.metadata.Checks.assertValid;
import static dev.modeldock.metadata.Checks.check;

import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.testkit.onnx.SmallModels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** defaultOnNull (keyed by attribute, values strings) and the ban on NUL characters in any string. */
class DefaultOnNullAndNulTest {
    @TempDir
    static Path dir;
    /** STRING "input" [batch, 1] → FLOAT "embedding" [batch, 8]. */
    static ModelSignature embedder;
    /** float "age" [batch, 1] → FLOAT "y" [batch, 1]. */
    static ModelSignature ageRegressor;

    @BeforeAll
    static void models() {
        embedder = TestModels.signature(SmallModels.embedder("embedding"), dir);
        ageRegressor = TestModels.signature(SmallModels.regressor("y", SmallModels.inputs("age", 1)), dir);
    }

    private static String embedding(String defaults) {
        return "{'function': 'embedding', 'input': {'input': ['DATA']}, 'defaultOnNull': " + defaults + "}";
    }

    @Test
    void aDefaultForTheMappedAttributeIsValid() {
        assertValid(check(embedder, embedding("{'DATA': 'empty text'}")));
    }

    @Test
    void defaultOnNullKeysMatchAttributesCaseInsensitively() {
        assertValid(check(embedder, embedding("{'data': 'x'}")));
        assertValid(check(embedder, embedding("{'Data': 'x'}")));
        assertValid(check(ageRegressor, "{'function': 'regression', 'defaultOnNull': {'AGE': '0'}}"));
    }

    @Test
    void aKeyThatIsNoAttributeIsOra54414() {
        assertOnly(check(embedder, embedding("{'TEXT': 'x'}")), OracleErrors.DEFAULT_ON_NULL_NOT_ATTRIBUTE,
                "defaultOnNull.TEXT", "TEXT", "DATA");
    }

    @Test
    void theTensorNameIsNoAttributeOnceTheInputIsMapped() {
        assertOnly(check(embedder, embedding("{'input': 'x'}")), OracleErrors.DEFAULT_ON_NULL_NOT_ATTRIBUTE,
                "defaultOnNull.input");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {"0|0", "1.5|1.5", "true|true", "null|null", "['x']|[x]", "{'a': 'b'}|{a=b}"})
    void aDefaultThatIsNotAStringIsOra54411(String value, String shown) {
        assertOnly(check(embedder, embedding("{'DATA': " + value + "}")), OracleErrors.DEFAULT_ON_NULL_VALUE,
                "defaultOnNull.DATA", shown, "not a string");
    }

    @Test
    void aNonStringDefaultForAnUnknownKeyGivesBothProblems() {
        List<MetadataProblem> problems = check(embedder, embedding("{'OTHER': 7}"));
        assertProblem(problems, OracleErrors.DEFAULT_ON_NULL_NOT_ATTRIBUTE, "defaultOnNull.OTHER");
        assertProblem(problems, OracleErrors.DEFAULT_ON_NULL_VALUE, "defaultOnNull.OTHER", "7");
    }

    @Test
    void defaultOnNullThatIsNotAnObjectIsAnError() {
        assertOnly(check(embedder, "{'function': 'embedding', 'defaultOnNull': ['DATA']}"), OracleErrors.UNDOCUMENTED,
                "defaultOnNull", "JSON object");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "function|{'function': 'embed\\u0000ding'}",
        "embeddingOutput|{'function': 'embedding', 'embeddingOutput': 'embedding\\u0000'}",
        "input.input[0]|{'function': 'embedding', 'input': {'input': ['DA\\u0000TA']}}",
        "defaultOnNull.input|{'function': 'embedding', 'defaultOnNull': {'input': '\\u0000'}}",
        "tokenizer|{'function': 'embedding', 'tokenizer': 'be\\u0000rt'}",
        "pooling|{'function': 'embedding', 'pooling': '\\u0000'}",
        "suitableDistanceMetrics[1]|{'function': 'embedding', 'suitableDistanceMetrics': ['COSINE', 'DOT\\u0000']}",
        "languages[0]|{'function': 'embedding', 'languages': ['US\\u0000']}",
        "languages|{'function': 'embedding', 'languages': 'us,\\u0000d'}",
        "modelDescription.info.url|{'function': 'embedding', 'modelDescription': {'info': {'url': 'a\\u0000'}}}",
        "modelDescription.notes[0]|{'function': 'embedding', 'modelDescription': {'notes': ['\\u0000']}}",
    })
    void aNulCharacterInAnyStringIsOra54453(String field, String document) {
        assertProblem(check(embedder, document), OracleErrors.NUL_CHARACTER, field, "NUL");
    }

    @Test
    void aNulCharacterInALabelIsOra54453() throws Exception {
        ModelSignature classifier = TestModels.signature(SmallModels.classifier("probabilities", SmallModels.Label.NONE), dir);
        assertOnly(check(classifier, "{'function': 'classification', " + Checks.FOUR_FEATURES
                + ", 'labels': ['a', 'b\\u0000', 'c']}"), OracleErrors.NUL_CHARACTER, "labels[1]");
    }

    @Test
    void stringsWithoutNulCharactersAreNotReported() {
        Checks.assertNoCode(check(embedder, "{'function': 'embedding', 'tokenizer': 'bert \\u0001 \\\\0 \\u00e9',"
                + " 'modelDescription': {'description': '0'}}"), OracleErrors.NUL_CHARACTER);
    }

    @Test
    void aNulCharacterInAKeyIsOra54453() {
        List<MetadataProblem> problems = check(embedder, embedding("{'DA\\u0000TA': 'x'}"));
        org.junit.jupiter.api.Assertions.assertTrue(problems.stream().anyMatch(p -> p.code().equals(
                OracleErrors.NUL_CHARACTER)), Checks.lines(problems));
    }
}
