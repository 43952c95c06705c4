package dev.modeldock.metadata;

import static dev.modeldock.metadata.Checks.assertOnly;
import static dev.modeldock.metadata.Checks.assertProblem;
import static dev.modeldock.metadata.Checks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading metadata documents (form problems, never exceptions) and writing them with Oracle's names. */
class MetadataJsonTest {

    private static MetadataJson.Parsed parse(String singleQuoted) {
        return MetadataJson.parse(json(singleQuoted));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{'function': }", "{function: 'embedding'}", "{'function': 'embedding',}", "nonsense"})
    void invalidJsonIsOra40441AndYieldsNoMetadata(String text) {
        MetadataJson.Parsed parsed = parse(text);
        assertNull(parsed.metadata());
        assertOnly(parsed.problems(), OracleErrors.JSON_SYNTAX, "metadata", "not valid JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{'function': 'embedding'}]", "'embedding'", "42", "null", "", "   "})
    void aDocumentThatIsNotAJsonObjectIsOra40441(String text) {
        MetadataJson.Parsed parsed = parse(text);
        assertNull(parsed.metadata());
        assertOnly(parsed.problems(), OracleErrors.JSON_SYNTAX, "metadata", "not a JSON object");
    }

    @Test
    void theCheckerReportsOnlyTheSyntaxErrorOfAnUnreadableDocument() {
        // the model's own problem (a non-tensor output) is not judged without a document to read
        var signature = TestModels.declaredOutputs(TestModels.sequence("y"));
        assertOnly(MetadataChecker.check(signature, "[1, 2]", CheckContext.none()), OracleErrors.JSON_SYNTAX, "metadata");
    }

    @Test
    void textAfterTheObjectIsOra40441() {
        assertOnly(parse("{'function': 'embedding'} }").problems(), OracleErrors.JSON_SYNTAX, "metadata");
        assertOnly(parse("{'function': 'embedding'} {'function': 'regression'}").problems(), OracleErrors.JSON_SYNTAX,
                "metadata");
    }

    /** Found by the upload fuzz test: stored last-wins, such a document made the version unreadable (500). */
    @Test
    void aKeyGivenTwiceIsOra40441NamingTheKey() {
        MetadataJson.Parsed parsed = parse("{'function': 'clustering', 'function': 'regression'}");
        assertOnly(parsed.problems(), OracleErrors.JSON_SYNTAX, "metadata", "not valid JSON", "function");
    }

    @Test
    void anUnknownKeyIsAWarningNotAnErrorAndTheRestIsStillRead() {
        MetadataJson.Parsed parsed = parse("{'function': 'embedding', 'color': 'blue'}");
        MetadataProblem warning = assertProblem(parsed.problems(), "WARNING", "color", "\"color\"", "not a metadata field");
        assertFalse(warning.isError());
        assertEquals(MetadataProblem.Severity.WARNING, warning.severity());
        assertEquals(1, parsed.problems().size());
        assertEquals("embedding", parsed.metadata().function());
    }

    @Test
    void aKeyDifferingFromAFieldOnlyInCaseHintsAtCaseSensitivity() {
        MetadataJson.Parsed parsed = parse("{'Function': 'embedding', 'EmbeddingOutput': 'e'}");
        assertProblem(parsed.problems(), "WARNING", "Function", "case-sensitive", "\"function\"");
        assertProblem(parsed.problems(), "WARNING", "EmbeddingOutput", "case-sensitive", "\"embeddingOutput\"");
        assertNull(parsed.metadata().function());
        assertNull(parsed.metadata().embeddingOutput());
        var problems = MetadataChecker.check(TestModels.declaredOutputs(
                dev.modeldock.onnx.TensorTypes.tensor("e", ai.onnx.proto.OnnxMl.TensorProto.DataType.FLOAT, "batch", 8)),
                json("{'Function': 'embedding'}"), CheckContext.none());
        assertProblem(problems, "WARNING", "Function", "case-sensitive");
        assertProblem(problems, OracleErrors.FUNCTION_MISSING, "function");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "labels|'a,b'|ORA-54417",
        "normalizeProb|1|ORA-54415",
        "embeddingOutput|5|ORA-?????",
        "regressionOutput|['y']|ORA-?????",
        "input|['DATA']|ORA-?????",
        "defaultOnNull|'x'|ORA-?????",
        "maxSequenceLength|'512'|ORA-?????",
        "maxSequenceLength|0|ORA-?????",
        "maxSequenceLength|12.5|ORA-?????",
        "maxSequenceLength|3000000000|ORA-?????",
        "normalization|'yes'|ORA-?????",
        "normalization|2|ORA-?????",
        "suitableDistanceMetrics|'COSINE'|ORA-?????",
        "suitableDistanceMetrics|['COSINE', 1]|ORA-?????",
        "modelDescription|'text'|ORA-?????",
        "languages|5|ORA-?????",
        "languages|['US', 5]|ORA-?????",
        "tokenizer|{}|ORA-?????",
    })
    void aFieldOfTheWrongJsonTypeIsReportedAndReadAsAbsent(String field, String value, String code) {
        MetadataJson.Parsed parsed = parse("{'function': 'classification', '" + field + "': " + value + "}");
        assertProblem(parsed.problems(), code, field, "\"" + field + "\" must be");
        assertNull(MetadataJson.toMap(parsed.metadata()).get(field), field + " should be read as absent");
    }

    @Test
    void anInputValueThatIsNotAnArrayIsOra54409AndTheOtherInputsAreKept() {
        MetadataJson.Parsed parsed = parse("{'function': 'regression', 'input': {'a': 'A', 'b': ['B']}}");
        assertOnly(parsed.problems(), OracleErrors.INPUT_NOT_STRING_ARRAY, "input.a", "array");
        assertEquals(Map.of("b", List.of("B")), parsed.metadata().input());
    }

    @Test
    void inputElementsOfAnyTypeAreKeptForTheCheckerToJudge() {
        MetadataJson.Parsed parsed = parse("{'function': 'regression', 'input': {'x': ['A', 1, null, true]}}");
        assertTrue(parsed.problems().isEmpty());
        assertEquals(java.util.Arrays.asList("A", 1, null, true), parsed.metadata().input().get("x"));
    }

    @Test
    void normalizationTakesTrueFalseOneAndZero() {
        assertEquals(Boolean.TRUE, parse("{'normalization': true}").metadata().normalization());
        assertEquals(Boolean.FALSE, parse("{'normalization': false}").metadata().normalization());
        assertEquals(Boolean.TRUE, parse("{'normalization': 1}").metadata().normalization());
        assertEquals(Boolean.FALSE, parse("{'normalization': 0}").metadata().normalization());
    }

    @Test
    void languagesMayBeACommaSeparatedStringOrAnArray() {
        MetadataJson.Parsed text = parse("{'function': 'embedding', 'languages': 'us,d,f'}");
        assertTrue(text.problems().isEmpty());
        assertEquals("us,d,f", text.metadata().languages());
        MetadataJson.Parsed array = parse("{'function': 'embedding', 'languages': ['US', 'D']}");
        assertTrue(array.problems().isEmpty());
        assertEquals(List.of("US", "D"), array.metadata().languages());
    }

    @Test
    void nullValuesAreReadAsAbsentWithoutProblems() {
        MetadataJson.Parsed parsed = parse("{'function': 'embedding', 'labels': null, 'input': null, 'tokenizer': null}");
        assertTrue(parsed.problems().isEmpty(), Checks.lines(parsed.problems()));
        assertNull(parsed.metadata().labels());
        assertNull(parsed.metadata().input());
    }

    @Test
    void writeThenParseGivesBackEveryField() {
        OnnxMetadata full = Documents.everyField();
        MetadataJson.Parsed parsed = MetadataJson.parse(MetadataJson.write(full));
        assertTrue(parsed.problems().isEmpty(), Checks.lines(parsed.problems()));
        assertEquals(full, parsed.metadata());
        MetadataJson.toMap(full).forEach((field, value) -> assertNotNull(value, field + " is not filled in the fixture"));
    }

    @Test
    void writeUsesOraclesFieldNamesInOraclesOrderAndLeavesOutAbsentFields() throws Exception {
        String written = MetadataJson.write(Documents.everyField());
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(written);
        List<String> keys = new java.util.ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        assertEquals(OnnxMetadata.FIELDS, keys);
        assertEquals(19, keys.size());
        assertTrue(written.contains("\"classificationProbOutput\" : \"probabilities\""), written);

        String minimal = MetadataJson.write(Documents.only("embedding"));
        assertEquals(Map.of("function", "embedding"), new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                minimal, Map.class));
    }

    @Test
    void aStringLanguagesSurvivesTheRoundTripAsAString() {
        OnnxMetadata metadata = Documents.withLanguages("us,d");
        assertEquals("us,d", MetadataJson.parse(MetadataJson.write(metadata)).metadata().languages());
    }

    @Test
    void outputRefusesANameThatIsNoOutputField() {
        OnnxMetadata metadata = Documents.everyField();
        assertEquals("probabilities", metadata.output("classificationProbOutput"));
        assertEquals("label", metadata.output("classificationLabelOutput"));
        assertThrows(IllegalArgumentException.class, () -> metadata.output("labels"));
    }
}
