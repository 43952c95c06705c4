package dev.modeldock.export.oracle.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.modeldock.metadata.CheckContext;
import dev.modeldock.metadata.MetadataChecker;
import dev.modeldock.metadata.MetadataProblem;
import dev.modeldock.metadata.OracleErrors;
import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.OnnxModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For reranker (regression) and classifier metadata, the stand-in's LOAD accepts what the engine's
 * MetadataChecker finds no error in, and refuses what it refuses with one of the codes the checker
 * names (its "ORA-?????", undocumented, being the stand-in's ORA-20000).
 */
class StandInAgreesWithTheMetadataCheckerTest {
    private static final String DATA = "\"input\":{\"input\":[\"DATA\"]}";
    private static final String PAIR = "\"input\":{\"first_input\":[\"DATA1\"],\"second_input\":[\"DATA2\"]}";

    @TempDir
    Path folder;

    private StandInDatabase database;

    @BeforeEach
    void start() {
        database = StandInSettings.named("agrees").start();
    }

    @AfterEach
    void stop() {
        database.close();
    }

    /** A model to write: the reranker, or a {@link StandInModels} shape. */
    interface Model {
        Path write(Path file) throws Exception;
    }

    static Stream<Arguments> metadata() {
        Model reranker = StandInRerankers::write;
        Model classifier = file -> StandInModels.classifier(4).write(file);
        Model twoOutputs = file -> StandInModels.classifier(4).extraOutput("names").write(file);
        Model integerScores = file -> StandInModels.embedding().output("logits", DataType.INT64, "batch", 4).write(file);
        return Stream.of(
                Arguments.of("reranker as ModelDock writes it", reranker, StandInRerankers.METADATA),
                Arguments.of("reranker by its tensor names", reranker, "{\"function\":\"regression\"}"),
                Arguments.of("reranker with labels", reranker,
                        "{\"function\":\"regression\",\"labels\":[\"a\"]," + PAIR + "}"),
                Arguments.of("reranker naming a classification output", reranker,
                        "{\"function\":\"regression\",\"classificationProbOutput\":\"logits\"," + PAIR + "}"),
                Arguments.of("reranker naming an absent output", reranker,
                        "{\"function\":\"regression\",\"regressionOutput\":\"score\"," + PAIR + "}"),
                Arguments.of("reranker input given two names", reranker,
                        "{\"function\":\"regression\",\"input\":{\"first_input\":[\"DATA1\",\"DATA2\"]}}"),
                Arguments.of("reranker as an embedding", reranker, "{\"function\":\"embedding\"," + PAIR + "}"),
                Arguments.of("classifier as OML4Py writes it", classifier,
                        StandInPredictsWithRerankersAndClassifiersTest.CLASSIFIER_METADATA),
                Arguments.of("classifier with number labels", classifier,
                        "{\"function\":\"classification\",\"labels\":[1,2,3,4.5]," + DATA + "}"),
                Arguments.of("classifier without labels, normalizeProb none", classifier,
                        "{\"function\":\"classification\",\"normalizeProb\":\"none\"}"),
                Arguments.of("classifier with three labels for four classes", classifier,
                        "{\"function\":\"classification\",\"labels\":[\"a\",\"b\",\"c\"]," + DATA + "}"),
                Arguments.of("classifier with mixed labels", classifier,
                        "{\"function\":\"classification\",\"labels\":[\"a\",2,\"c\",\"d\"]," + DATA + "}"),
                Arguments.of("classifier with a label over 4000 bytes", classifier,
                        "{\"function\":\"classification\",\"labels\":[\"a\",\"b\",\"c\",\"" + "d".repeat(4001) + "\"]}"),
                Arguments.of("classifier naming a regression output", classifier,
                        "{\"function\":\"classification\",\"regressionOutput\":\"logits\"," + DATA + "}"),
                Arguments.of("classifier naming an embedding output", classifier,
                        "{\"function\":\"classification\",\"embeddingOutput\":\"logits\"," + DATA + "}"),
                Arguments.of("classifier with sigmoid", classifier,
                        "{\"function\":\"classification\",\"normalizeProb\":\"sigmoid\"," + DATA + "}"),
                Arguments.of("classifier with two outputs, none named", twoOutputs,
                        "{\"function\":\"classification\"," + DATA + "}"),
                Arguments.of("classifier with labels and a label output", twoOutputs,
                        "{\"function\":\"classification\",\"classificationProbOutput\":\"logits\",\"labels\":[1,2,3,4],"
                                + "\"classificationLabelOutput\":\"names\"," + DATA + "}"),
                Arguments.of("classifier of integer scores", integerScores, "{\"function\":\"classification\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("metadata")
    void loadAcceptsWhatTheCheckerAcceptsAndRefusesWithACodeItNames(String what, Model model, String metadata)
            throws Exception {
        Path file = model.write(folder.resolve("model.onnx"));
        List<String> codes = MetadataChecker.check(ModelSignature.of(OnnxModels.read(file)), metadata,
                new CheckContext(null, Files.size(file), OracleRelease.DB_23AI)).stream().filter(MetadataProblem::isError)
                .map(MetadataProblem::code).toList();

        try (Connection session = StandInClient.connect(database)) {
            if (codes.isEmpty()) {
                StandInClient.load(session, "checked", file, metadata);
                assertEquals(1, database.modelNames().size());
            } else {
                SQLException error = assertThrows(SQLException.class,
                        () -> StandInClient.load(session, "checked", file, metadata), "the checker found " + codes);
                String code = error.getErrorCode() == 20000 ? OracleErrors.UNDOCUMENTED
                        : String.format("ORA-%05d", error.getErrorCode());
                assertTrue(codes.contains(code), "stand-in: " + error.getMessage() + "; checker: " + codes);
            }
        }
    }
}
