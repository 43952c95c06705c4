package dev.modeldock.metadata;

import static dev.modeldock.metadata.Checks.assertOnly;
import static dev.modeldock.metadata.Checks.assertValid;
import static dev.modeldock.metadata.Checks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.testkit.onnx.SmallModels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the checker knows beside the metadata: the database model name and the file's size. */
class ModelNameAndSizeTest {
    private static final long GIB = 1L << 30;
    private static final String EMBEDDING = json("{'function': 'embedding'}");

    @TempDir
    static Path dir;
    static ModelSignature embedder;

    @BeforeAll
    static void models() {
        embedder = TestModels.signature(SmallModels.embedder("embedding"), dir);
    }

    private static List<MetadataProblem> named(String modelName) {
        return MetadataChecker.check(embedder, EMBEDDING, new CheckContext(modelName, 1000, OracleRelease.DB_26AI));
    }

    private static List<MetadataProblem> sized(long bytes, int release) {
        return MetadataChecker.check(embedder, EMBEDDING, new CheckContext("doc_model", bytes, OracleRelease.of(release)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"doc_model", "SCOTT.DOC_MODEL", "scott.doc_model", "M", "model$1#", "Größe"})
    void validModelNamesPass(String name) {
        assertValid(named(name));
    }

    @Test
    void aModelNameOf123BytesUnderASchemaOf128BytesIsValid() {
        assertValid(named("S".repeat(128) + "." + "M".repeat(123)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1model", "my-model", "a.b.c", "my model", "_model", "", ".model", "scott.", "scott..m"})
    void anInvalidModelNameIsOra40281(String name) {
        assertOnly(named(name), OracleErrors.INVALID_MODEL_NAME, "model", "not valid");
    }

    @Test
    void aModelNameOf124BytesIsOra40281() {
        assertOnly(named("M".repeat(124)), OracleErrors.INVALID_MODEL_NAME, "model", "124 bytes", "123");
        assertOnly(named("SCOTT." + "M".repeat(124)), OracleErrors.INVALID_MODEL_NAME, "model", "model name");
    }

    @Test
    void theModelNameLimitCountsBytes() {
        assertValid(named("é".repeat(61)));
        assertOnly(named("é".repeat(62)), OracleErrors.INVALID_MODEL_NAME, "model", "124 bytes");
    }

    @Test
    void aSchemaNameOf129BytesIsOra40281() {
        assertOnly(named("S".repeat(129) + ".DOC_MODEL"), OracleErrors.INVALID_MODEL_NAME, "model", "schema", "129 bytes");
    }

    @Test
    void noModelNameMeansNoNameCheck() {
        assertValid(MetadataChecker.check(embedder, EMBEDDING, CheckContext.none()));
        assertValid(MetadataChecker.check(embedder, EMBEDDING, new CheckContext(null, 10, OracleRelease.DB_23AI)));
    }

    @Test
    void aFileOfOneAndAHalfGigabytesIsFineForRelease26() {
        assertValid(sized(GIB + GIB / 2, 26));
        assertValid(sized((1L << 31) - 1, 26));
    }

    @Test
    void aFileOfOneAndAHalfGigabytesIsOra54400ForRelease23() {
        assertOnly(sized(GIB + GIB / 2, 23), OracleErrors.INVALID_BLOB_SIZE, "model", String.valueOf(GIB + GIB / 2), "23");
    }

    @Test
    void externalDataIsAnErrorFor23AndFineFor26() {
        assertOnly(MetadataChecker.check(embedder, EMBEDDING, new CheckContext(null, 10, OracleRelease.DB_23AI, true)),
                OracleErrors.UNDOCUMENTED, "model", "external data files, which Oracle Database 23ai does not load");
        assertValid(MetadataChecker.check(embedder, EMBEDDING, new CheckContext(null, 10, OracleRelease.DB_26AI, true)));
    }

    @Test
    void theLimitsAreOneGibibyteFor23AndTwoGibibytesFor26() {
        assertValid(sized(GIB, 23));
        assertOnly(sized(GIB + 1, 23), OracleErrors.INVALID_BLOB_SIZE, "model");
        assertOnly(sized(1L << 31, 26), OracleErrors.INVALID_BLOB_SIZE, "model", String.valueOf(1L << 31));
        assertEquals(GIB, new CheckContext(null, -1, OracleRelease.DB_23AI).maxFileBytes());
        assertEquals((1L << 31) - 1, new CheckContext(null, -1, OracleRelease.DB_26AI).maxFileBytes());
    }

    @Test
    void anUnknownFileSizeIsNotChecked() {
        assertValid(sized(-1, 23));
        assertEquals(-1, CheckContext.none().fileBytes());
        assertEquals(OracleRelease.DB_26AI, CheckContext.none().release());
    }

    @Test
    void anEmptyFileIsOra54400() {
        assertOnly(sized(0, 26), OracleErrors.INVALID_BLOB_SIZE, "model");
    }

    @Test
    void aReservedWordIsNoValidModelName() {
        assertOnly(named("SELECT"), OracleErrors.INVALID_MODEL_NAME, "model");
    }
}
