package dev.modeldock.export.oracle.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each metadata, model or name Oracle refuses at LOAD time is refused with Oracle's ORA code. */
class StandInRefusesWhatOracleRefusesTest {
    private static final String INPUT = "\"input\":{\"input\":[\"DATA\"]}";

    @TempDir
    Path folder;

    private StandInDatabase database;

    @BeforeEach
    void start() {
        database = StandInSettings.named("refuses").maxModelBytes(1 << 20).start();
    }

    @AfterEach
    void stop() {
        database.close();
    }

    static Stream<Arguments> refusals() {
        Supplier<StandInModels> pipeline = StandInModels::embedding;
        return Stream.of(
                refusal("function missing", 54402, pipeline, "{\"embeddingOutput\":\"embedding\"," + INPUT + "}"),
                refusal("function not one of the four", 54403, pipeline, "{\"function\":\"feature_extraction\"}"),
                refusal("input key is not a model input", 54408, pipeline,
                        "{\"function\":\"embedding\",\"input\":{\"text\":[\"DATA\"]}}"),
                refusal("input attribute not a string", 54409, pipeline,
                        "{\"function\":\"embedding\",\"input\":{\"input\":[7]}}"),
                refusal("input array longer than the input", 54420, pipeline,
                        "{\"function\":\"embedding\",\"input\":{\"input\":[\"A\",\"B\"]}}"),
                refusal("input of two values per row left unmapped", 54406,
                        () -> StandInModels.embedding().input("input", "batch", 2), "{\"function\":\"embedding\"}"),
                refusal("two outputs, none named", 54412, () -> StandInModels.embedding().extraOutput("tokens"),
                        "{\"function\":\"embedding\"," + INPUT + "}"),
                refusal("named output absent", 54413, pipeline,
                        "{\"function\":\"embedding\",\"embeddingOutput\":\"sentence_embedding\"," + INPUT + "}"),
                refusal("embedding output with two fixed dimensions", 54423,
                        () -> StandInModels.embedding().output("embedding", DataType.FLOAT, 1, 4),
                        "{\"function\":\"embedding\"," + INPUT + "}"),
                refusal("embedding output with two variable dimensions", 54426,
                        () -> StandInModels.embedding().output("embedding", DataType.FLOAT, "batch", "tokens", 4),
                        "{\"function\":\"embedding\"," + INPUT + "}"),
                refusal("embedding output with two dimensions above one", 54427,
                        () -> StandInModels.embedding().output("embedding", DataType.FLOAT, "batch", 2, 2),
                        "{\"function\":\"embedding\"," + INPUT + "}"),
                refusal("embedding output of integers", 54424,
                        () -> StandInModels.embedding().output("embedding", DataType.INT64, "batch", 4),
                        "{\"function\":\"embedding\"," + INPUT + "}"),
                refusal("normalizeProb on an embedding", 54415, pipeline,
                        "{\"function\":\"embedding\",\"normalizeProb\":\"none\"," + INPUT + "}"),
                refusal("normalizeProb neither none nor softmax", 54415, pipeline,
                        "{\"function\":\"classification\",\"normalizeProb\":\"sigmoid\"," + INPUT + "}"),
                refusal("embedding with two input attributes", 54449, () -> StandInModels.embedding().extraInput("lang"),
                        "{\"function\":\"embedding\"," + INPUT + "}"),
                refusal("labels on an embedding", 54449, pipeline,
                        "{\"function\":\"embedding\",\"labels\":[\"a\"]," + INPUT + "}"),
                refusal("labels not as many as classes", 54418, pipeline,
                        "{\"function\":\"classification\",\"labels\":[\"a\",\"b\",\"c\"]," + INPUT + "}"),
                refusal("labels of mixed types", 54417, pipeline,
                        "{\"function\":\"classification\",\"labels\":[\"a\",2,\"c\",\"d\"]," + INPUT + "}"),
                refusal("labels and a label output", 54437, () -> StandInModels.embedding().extraOutput("names"),
                        "{\"function\":\"classification\",\"classificationProbOutput\":\"embedding\","
                                + "\"labels\":[\"a\",\"b\",\"c\",\"d\"],\"classificationLabelOutput\":\"names\"," + INPUT + "}"),
                refusal("label output of floats", 54438, () -> StandInModels.embedding().extraOutput("names"),
                        "{\"function\":\"classification\",\"classificationProbOutput\":\"embedding\","
                                + "\"classificationLabelOutput\":\"names\"," + INPUT + "}"),
                refusal("clustering with two outputs, none named", 54433,
                        () -> StandInModels.embedding().extraOutput("other"), "{\"function\":\"clustering\"," + INPUT + "}"),
                refusal("defaultOnNull for an unknown attribute", 54414, pipeline,
                        "{\"function\":\"embedding\",\"defaultOnNull\":{\"TEXT\":\"x\"}," + INPUT + "}"),
                refusal("defaultOnNull not a string", 54411, pipeline,
                        "{\"function\":\"embedding\",\"defaultOnNull\":{\"DATA\":1}," + INPUT + "}"),
                refusal("metadata not JSON", 40675, pipeline, "{function: embedding"));
    }

    private static Arguments refusal(String what, int code, Supplier<StandInModels> model, String metadata) {
        return Arguments.of(what, code, model, metadata);
    }

    @ParameterizedTest(name = "{0}: ORA-{1}")
    @MethodSource("refusals")
    void refusesTheLoadWithOraclesCodeAndKeepsNothing(String what, int code, Supplier<StandInModels> model,
            String metadata) throws Exception {
        Path file = model.get().write(folder.resolve("model.onnx"));

        SQLException error = loadFails(file, "doc_model", metadata);

        assertOra(code, error);
        assertNothingStored();
    }

    @Test
    void refusesBytesOnnxRuntimeCannotLoadAsAnInvalidModel() throws Exception {
        SQLException error = loadFails(StandInModels.notOnnx(folder.resolve("bad.onnx")), "doc_model",
                StandInClient.EMBEDDING_METADATA);

        assertOra(20000, error);
        assertTrue(error.getMessage().contains("the ONNX model is invalid"), error.getMessage());
        assertNothingStored();
    }

    @Test
    void refusesAnEmptyOrOversizedBlob() throws Exception {
        assertOra(54400, loadFails(Files.createFile(folder.resolve("empty.onnx")), "doc_model",
                StandInClient.EMBEDDING_METADATA));
        Path big = Files.write(folder.resolve("big.onnx"), new byte[(1 << 20) + 1]);
        assertOra(54400, loadFails(big, "doc_model", StandInClient.EMBEDDING_METADATA));
        assertNothingStored();
    }

    @Test
    void refusesNamesThatAreNotUnquotedIdentifiers() throws Exception {
        Path file = StandInModels.embedding().write(folder.resolve("model.onnx"));
        for (String name : List.of("doc-model", "1model", "\"DocModel\"", "a.b.c", "", "m".repeat(124))) {
            assertOra(40281, loadFails(file, name, StandInClient.EMBEDDING_METADATA));
        }
        assertNothingStored();
    }

    @Test
    void refusesADuplicateNameWithModelAlreadyExists() throws Exception {
        Path file = StandInModels.embedding().write(folder.resolve("model.onnx"));
        try (Connection session = StandInClient.connect(database)) {
            StandInClient.load(session, "doc_model", file, StandInClient.EMBEDDING_METADATA);

            SQLException error = assertThrows(SQLException.class,
                    () -> StandInClient.load(session, "DOC_MODEL", file, StandInClient.EMBEDDING_METADATA));

            assertOra(40204, error);
            assertTrue(error.getMessage().contains("MODELDOCK.DOC_MODEL"), error.getMessage());
        }
        assertEquals(1, database.storedFileCount());
    }

    @Test
    void acceptsWhatTheGuideAccepts() throws Exception {
        Path file = StandInModels.embedding().write(folder.resolve("model.onnx"));
        try (Connection session = StandInClient.connect(database)) {
            StandInClient.load(session, "by_default", file, "{\"function\":\"embedding\"}");
            StandInClient.load(session, "classes", file, "{\"function\":\"classification\",\"labels\":[1,2,3,4],"
                    + "\"normalizeProb\":\"softmax\",\"defaultOnNull\":{\"input\":\"\"}}");
            assertEquals(List.of(Arrays.asList("INPUT", "TEXT", "VARCHAR2", null),
                            List.of("ORA$ONNXTARGET", "VECTOR", "VECTOR", "VECTOR(4,FLOAT32)")),
                    StandInClient.rows(session, OracleSqlRewriter.MODEL_ATTRIBUTES, null, "BY_DEFAULT"));
            assertEquals(List.of(List.of("CLASSIFICATION", "ONNX")),
                    StandInClient.rows(session, OracleSqlRewriter.MODEL_ROW, null, "CLASSES"));
        }
    }

    static void assertOra(int code, SQLException error) {
        assertEquals(code, error.getErrorCode(), error.getMessage());
        assertTrue(error.getMessage().startsWith(String.format("ORA-%05d: ", code)), error.getMessage());
    }

    private SQLException loadFails(Path file, String name, String metadata) throws SQLException {
        try (Connection session = StandInClient.connect(database)) {
            return assertThrows(SQLException.class, () -> StandInClient.load(session, name, file, metadata));
        }
    }

    private void assertNothingStored() throws SQLException {
        assertEquals(0, database.storedFileCount());
        try (Connection h2 = database.h2()) {
            assertEquals(List.of(List.of("0")), StandInClient.rows(h2, "SELECT COUNT(*) FROM ALL_MINING_MODELS"));
            assertEquals(List.of(List.of("0")),
                    StandInClient.rows(h2, "SELECT COUNT(*) FROM ALL_MINING_MODEL_ATTRIBUTES"));
        }
    }
}
