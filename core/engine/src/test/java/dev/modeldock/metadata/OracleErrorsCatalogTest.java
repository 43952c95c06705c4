package dev.modeldock.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The checker's codes against ora-onnx-errors.tsv, Oracle's own messages for them. */
class OracleErrorsCatalogTest {
    /** Codes the checker uses that the catalog does not list (see the disabled test below). */
    private static final Set<String> NOT_IN_CATALOG = Set.of("ORA-40441", "ORA-54415");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "MODEL_EXISTS|ORA-40204|already exists",
        "INVALID_MODEL_NAME|ORA-40281|invalid model name",
        "INVALID_BLOB_SIZE|ORA-54400|BLOB size",
        "FUNCTION_MISSING|ORA-54402|\"function\" field is missing",
        "FUNCTION_INVALID|ORA-54403|Invalid value for the \"function\" field",
        "INPUT_NEEDS_NAMES|ORA-54406|Missing input mapping",
        "INPUT_NOT_MODEL_INPUT|ORA-54408|is not a model input",
        "INPUT_NOT_STRING_ARRAY|ORA-54409|element in the JSON metadata is not a string",
        "DEFAULT_ON_NULL_VALUE|ORA-54411|\"defaultOnNull.%s\" field in the JSON metadata is not a string",
        "OUTPUT_NOT_NAMED|ORA-54412|field in the JSON metadata is missing",
        "OUTPUT_NOT_FOUND|ORA-54413|Cannot find model output",
        "DEFAULT_ON_NULL_NOT_ATTRIBUTE|ORA-54414|does not exist as an input attribute",
        "LABELS_TYPE|ORA-54417|\"labels[%s]\" element in the JSON metadata has an invalid type",
        "LABELS_COUNT|ORA-54418|\"labels\" field has an incorrect length",
        "INPUT_NAME_COUNT|ORA-54420|Incorrect number of elements in the \"input.%s\" array",
        "EMBEDDING_DIMENSIONS|ORA-54423|of fixed size for an embedding output",
        "UNSUPPORTED_TYPE|ORA-54424|is not supported",
        "INVALID_DIMENSION|ORA-54425|size is either zero or less than -1",
        "VARIABLE_DIMENSIONS|ORA-54426|multiple dimensions (%s) of variable size",
        "LARGE_DIMENSIONS|ORA-54427|multiple dimensions (%s) greater than one",
        "CLUSTERING_NO_OUTPUT|ORA-54433|are both undefined",
        "CLUSTERING_SIZES_DIFFER|ORA-54434|have a different size",
        "INVALID_ATTRIBUTE_NAME|ORA-54436|Attribute name (%s) is invalid",
        "LABELS_AND_LABEL_OUTPUT|ORA-54437|Both \"labels\" and \"classificationLabelOutput\"",
        "LABEL_OUTPUT_TYPE|ORA-54438|can only use a string or an integer type",
        "LABEL_TOO_LONG|ORA-54445|is too large",
        "TOO_MANY_INPUT_VALUES|ORA-54448|exceed maximum size of 4096",
        "INVALID_EMBEDDING_METADATA|ORA-54449|Invalid embedding metadata",
        "NUL_CHARACTER|ORA-54453|contains a null character",
        "CLUSTERING_SAME_OUTPUT|ORA-54456|are the same tensor",
    })
    void eachCodeIsTheOneOraclesCatalogGivesForItsRule(String constant, String code, String oracleWords) throws Exception {
        assertEquals(code, OracleErrors.class.getField(constant).get(null), constant);
        OracleErrors.Entry entry = OracleErrors.entry(code).orElseThrow(() -> new AssertionError(code + " not in catalog"));
        assertTrue(entry.oracleMessage().contains(oracleWords), code + ": " + entry.oracleMessage());
        assertTrue(entry.source().startsWith("https://docs.oracle.com/"), entry.source());
    }

    @Test
    void everyCodeConstantButTheTwoKnownGapsIsInTheCatalog() throws Exception {
        List<String> missing = new ArrayList<>();
        for (String code : codeConstants()) {
            if (!NOT_IN_CATALOG.contains(code) && OracleErrors.entry(code).isEmpty()) {
                missing.add(code);
            }
        }
        assertEquals(List.of(), missing);
        assertTrue(codeConstants().size() >= 32, "constants were not found: " + codeConstants());
    }

    @Test
    void everyCodeTheCheckerEmitsIsInTheCatalog() throws Exception {
        for (String code : codeConstants()) {
            assertTrue(OracleErrors.entry(code).isPresent(), code);
        }
    }

    @Test
    void undocumentedRulesCarryNoGuessedNumber() {
        assertEquals("ORA-?????", OracleErrors.UNDOCUMENTED);
        assertTrue(OracleErrors.entry(OracleErrors.UNDOCUMENTED).isEmpty());
    }

    @Test
    void explainGivesTheCauseBesideOraclesOwnLine() {
        String explained = OracleErrors.explain("ORA-54413: Cannot find model output \"x\", specified by \"embeddingOutput\""
                + "\nORA-06512: at \"SYS.DBMS_VECTOR\", line 10");
        assertTrue(explained.startsWith("ORA-54413: An output-naming key refers to a tensor name"), explained);
        assertTrue(explained.contains("(Oracle: ORA-54413: Cannot find model output \"x\""), explained);
        assertTrue(!explained.contains("ORA-06512"), explained);
    }

    @Test
    void explainLeavesMessagesWithoutAKnownCodeAsTheyAre() {
        assertEquals("ORA-00942: table or view does not exist", OracleErrors.explain("ORA-00942: table or view does not exist"));
        assertEquals("connection refused", OracleErrors.explain("connection refused\nmore"));
        assertEquals("", OracleErrors.explain(null));
    }

    @Test
    void aProblemPrintsAsCodeFieldMessageAndFix() {
        MetadataProblem problem = MetadataProblem.error("ORA-54413", "embeddingOutput", "no output \"x\".", "Name one.");
        assertEquals("ORA-54413 embeddingOutput: no output \"x\". Fix: Name one.", problem.toString());
        assertTrue(problem.isError());
        MetadataProblem warning = MetadataProblem.warning("color", "unknown.", "Remove it.");
        assertEquals("WARNING", warning.code());
        assertTrue(!warning.isError());
    }

    private static List<String> codeConstants() throws IllegalAccessException {
        List<String> codes = new ArrayList<>();
        for (Field field : OracleErrors.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && ((String) field.get(null)).matches("ORA-\\d{5}")) {
                codes.add((String) field.get(null));
            }
        }
        return codes;
    }
}
