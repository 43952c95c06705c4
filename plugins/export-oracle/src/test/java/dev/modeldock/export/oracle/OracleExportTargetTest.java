package dev.modeldock.export.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.export.oracle.standin.StandInDatabase;
import dev.modeldock.export.oracle.standin.StandInModels;
import dev.modeldock.export.oracle.standin.StandInRerankers;
import dev.modeldock.export.oracle.standin.StandInSettings;
import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.plugin.DeployedState;
import dev.modeldock.plugin.ExportReceipt;
import dev.modeldock.plugin.ExportRequest;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Progress;
import dev.modeldock.plugin.Setting;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import dev.modeldock.testkit.onnx.SmallModels;
import dev.modeldock.testkit.plugin.ExportTargetContract;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Oracle target's real JDBC path, run against the in-process stand-in for Oracle Database. */
class OracleExportTargetTest {
    static final String METADATA =
            "{\"function\": \"embedding\", \"embeddingOutput\": \"embedding\", \"input\": {\"input\": [\"DATA\"]}}";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    Path work;

    @Test
    void loadsAnEmbeddingModelAndVerifiesVectorEmbeddingAgainstTheLocalRun() throws Exception {
        try (StandInDatabase database = database(StandInSettings.named(next()))) {
            ExportReceipt receipt = export(database, "doc_model", METADATA, Map.of());
            assertEquals("oracle", receipt.target());
            assertTrue(receipt.location().endsWith("/DOC_MODEL"), receipt.location());
            assertEquals(Set.of("MODELDOCK.DOC_MODEL"), database.modelNames());
            assertEquals(Files.size(model()), Files.size(database.storedBytes("MODELDOCK.DOC_MODEL")));
        }
    }

    @Test
    void loadsARerankerAndVerifiesPredictionOfAPairAgainstTheLocalRun() throws Exception {
        Path reranker = StandInRerankers.write(work.resolve("reranker.onnx"));
        try (StandInDatabase database = database(StandInSettings.named(next()))) {
            List<String> stages = new ArrayList<>();
            new OracleExportTarget().export(request("rerank_model", reranker, StandInRerankers.METADATA,
                    settings(database)), (stage, fraction) -> stages.add(stage));

            assertEquals(Set.of("MODELDOCK.RERANK_MODEL"), database.modelNames());
            String verified = stages.get(stages.size() - 1);
            assertTrue(verified.startsWith("REGRESSION model, PREDICTION(RERANK_MODEL USING DATA1, DATA2) matches the"
                    + " local pipeline"), verified);
        }
    }

    @Test
    void aRerankerWhosePairAttributesAreSwappedIsScoredThroughItsOwnMapping() throws Exception {
        Path reranker = StandInRerankers.write(work.resolve("reranker.onnx"));
        String swapped = "{\"function\":\"regression\",\"regressionOutput\":\"logits\","
                + "\"input\":{\"first_input\":[\"DATA2\"],\"second_input\":[\"DATA1\"]}}";
        try (StandInDatabase database = database(StandInSettings.named(next()))) {
            List<String> stages = new ArrayList<>();
            new OracleExportTarget().export(request("rerank_model", reranker, swapped, settings(database)),
                    (stage, fraction) -> stages.add(stage));

            assertTrue(stages.get(stages.size() - 1).contains("USING DATA2, DATA1) matches"), stages.toString());
        }
    }

    @Test
    void aDeployedRerankerThatScoresDifferentlyIsReportedAsDiffering() throws Exception {
        try (StandInDatabase database = database(StandInSettings.named(next()))) {
            new OracleExportTarget().export(request("rerank_model", StandInRerankers.write(work.resolve("a.onnx")),
                    StandInRerankers.METADATA, settings(database)), Progress.NONE);

            DeployedState other = new OracleExportTarget().inspect(request("rerank_model",
                    StandInRerankers.write(work.resolve("b.onnx"), 2f), StandInRerankers.METADATA, settings(database)));
            DeployedState same = new OracleExportTarget().inspect(request("rerank_model",
                    StandInRerankers.write(work.resolve("c.onnx")), StandInRerankers.METADATA, settings(database)));

            assertFalse(other.matches(), other.detail());
            assertTrue(other.detail().startsWith("PREDICTION(RERANK_MODEL) disagrees with the local pipeline"),
                    other.detail());
            assertTrue(same.matches(), same.detail());
        }
    }

    @Test
    void loadsAClassifierAndVerifiesPredictionProbabilityAgainstTheLocalRun() throws Exception {
        Path classifier = StandInModels.classifier(3).write(work.resolve("classifier.onnx"));
        String metadata = "{\"function\":\"classification\",\"classificationProbOutput\":\"logits\","
                + "\"labels\":[\"negative\",\"neutral\",\"positive\"],\"input\":{\"input\":[\"DATA\"]}}";
        try (StandInDatabase database = database(StandInSettings.named(next()))) {
            List<String> stages = new ArrayList<>();
            new OracleExportTarget().export(request("sentiment", classifier, metadata, settings(database)),
                    (stage, fraction) -> stages.add(stage));

            String verified = stages.get(stages.size() - 1);
            assertTrue(verified.startsWith("CLASSIFICATION model, PREDICTION_PROBABILITY(SENTIMENT USING DATA) matches"),
                    verified);
        }
    }

    @Test
    void modelsOfNumericFeaturesLoadWithoutASampleToScore() throws Exception {
        Path regressor = OnnxFixtures.write(SmallModels.featureRegressor(), work.resolve("regressor.onnx"));
        Path iris = OnnxFixtures.write(SmallModels.irisClassifier(), work.resolve("iris.onnx"));
        try (StandInDatabase database = database(StandInSettings.named(next()))) {
            List<String> stages = new ArrayList<>();
            new OracleExportTarget().export(request("reg_model", regressor, SmallModels.FEATURE_REGRESSOR_METADATA,
                    settings(database)), (stage, fraction) -> stages.add(stage));
            new OracleExportTarget().export(request("iris_model", iris, SmallModels.IRIS_CLASSIFIER_METADATA,
                    settings(database)), (stage, fraction) -> stages.add(stage));

            assertEquals(Set.of("MODELDOCK.REG_MODEL", "MODELDOCK.IRIS_MODEL"), database.modelNames());
            assertTrue(stages.contains("REGRESSION model with attributes [A, B, C, D]"), stages.toString());
            assertTrue(stages.stream().anyMatch(stage -> stage.startsWith("CLASSIFICATION model with attributes")),
                    stages.toString());
        }
    }

    @Test
    void anExistingModelIsReplacedOnlyWhenAsked() throws Exception {
        try (StandInDatabase database = database(StandInSettings.named(next()))) {
            export(database, "doc_model", METADATA, Map.of());
            ModelDockException refused = assertThrows(ModelDockException.class,
                    () -> export(database, "DOC_MODEL", METADATA, Map.of()));
            assertTrue(refused.getMessage().contains("mining model DOC_MODEL already exists"), refused.getMessage());
            export(database, "doc_model", METADATA, Map.of("replace", "true"));
            assertEquals(Set.of("MODELDOCK.DOC_MODEL"), database.modelNames());
        }
    }

    @Test
    void preflightNamesEveryMissBeforeSendingAnything() throws Exception {
        try (StandInDatabase database = database(StandInSettings.named(next()).version("19.0.0.0.0")
                .dbmsVector(StandInSettings.PackageState.MISSING).privileges())) {
            ModelDockException e = assertThrows(ModelDockException.class,
                    () -> export(database, "doc_model", METADATA, Map.of()));
            assertTrue(e.getMessage().contains("release 19"), e.getMessage());
            assertTrue(e.getMessage().contains("DBMS_VECTOR is not visible"), e.getMessage());
            assertTrue(e.getMessage().contains("CREATE MINING MODEL"), e.getMessage());
            assertEquals(Set.of(), database.modelNames());
        }
    }

    @Test
    void aModelOverOneGigabyteIsRefusedByA23aiDatabaseBeforeItIsSent() throws Exception {
        Path big = OnnxFixtures.writePadded(SmallModels.featureRegressor(), 1_100_000_000L, work.resolve("big.onnx"));
        try (StandInDatabase database = database(StandInSettings.named(next()).version("23.7.0.25.01"))) {
            ModelDockException e = assertThrows(ModelDockException.class, () -> new OracleExportTarget().export(
                    request("big_model", big, SmallModels.FEATURE_REGRESSOR_METADATA, settings(database)),
                    Progress.NONE));
            assertEquals("the model is 1100000000 bytes; the database is Oracle Database 23ai, which loads at most"
                    + " 1073741824 (1 GB): quantize the model, or deploy it to a 26ai database", e.getMessage());
            assertEquals(Set.of(), database.modelNames());
        }
    }

    @Test
    void a26aiDatabaseIsKnownByItsReleaseUpdateThoughItsMajorReleaseIs23() throws Exception {
        for (String version : List.of("23.26.0.0.0", "23.26.1.0.0", "23.7.0.25.01")) {
            try (StandInDatabase database = database(StandInSettings.named(next()).version(version));
                    Connection session = DriverManager.getConnection(database.url(), StandInSettings.DEFAULT_USER,
                            StandInSettings.DEFAULT_PASSWORD)) {
                assertEquals(version.startsWith("23.26") ? OracleRelease.DB_26AI : OracleRelease.DB_23AI,
                        Preflight.check(session), version);
            }
        }
    }

    @Test
    void anInvalidDbmsVectorIsNamed() throws Exception {
        try (StandInDatabase database = database(StandInSettings.named(next())
                .dbmsVector(StandInSettings.PackageState.INVALID))) {
            ModelDockException e = assertThrows(ModelDockException.class,
                    () -> export(database, "doc_model", METADATA, Map.of()));
            assertTrue(e.getMessage().contains("DBMS_VECTOR is not valid"), e.getMessage());
        }
    }

    @Test
    void oracleErrorsAreExplainedWithTheCatalogsWords() throws Exception {
        try (StandInDatabase database = database(StandInSettings.named(next()))) {
            String wrongOutput = METADATA.replace("\"embeddingOutput\": \"embedding\"", "\"embeddingOutput\": \"vector\"");
            ModelDockException e = assertThrows(ModelDockException.class,
                    () -> export(database, "doc_model", wrongOutput, Map.of()));
            assertTrue(e.getMessage().contains("ORA-54413: An output-naming key refers to a tensor name"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("(Oracle: ORA-54413"), e.getMessage());
            assertEquals(Set.of(), database.modelNames());
        }
    }

    @Test
    void aLoadFailureInsideTheDatabaseIsReported() throws Exception {
        try (StandInDatabase database = database(StandInSettings.named(next())
                .failLoadsWith(54467, "Out of memory when trying to load a ONNX model."))) {
            ModelDockException e = assertThrows(ModelDockException.class,
                    () -> export(database, "doc_model", METADATA, Map.of()));
            assertTrue(e.getMessage().contains("ORA-54467: Loading the model needs a contiguous memory range"),
                    e.getMessage());
        }
    }

    @Test
    void aWrongPasswordIsReportedWithoutThePassword() throws Exception {
        try (StandInDatabase database = database(StandInSettings.named(next()))) {
            Path profile = profile(database, "wrong-horse-battery");
            ModelDockException e = assertThrows(ModelDockException.class, () -> new OracleExportTarget().export(
                    request("doc_model", METADATA, Map.of("profile", profile.toString())), Progress.NONE));
            assertTrue(e.getMessage().contains("ORA-01017"), e.getMessage());
            assertFalse(e.getMessage().contains("wrong-horse-battery"), "the password must never be shown");
        }
    }

    @Test
    void aHostileModelNameNeverReachesTheDatabase() throws Exception {
        try (StandInDatabase database = database(StandInSettings.named(next()))) {
            for (String name : new String[] {"x; DROP TABLE ALL_MINING_MODELS", "1model", "a.b.c", "\"QUOTED\"",
                    "m".repeat(124)}) {
                ModelDockException e = assertThrows(ModelDockException.class,
                        () -> export(database, name, METADATA, Map.of()));
                assertTrue(e.getMessage().contains("cannot name a mining model"), e.getMessage());
            }
            assertEquals(Set.of(), database.modelNames());
        }
    }

    @Test
    void aProfileThatHoldsAPasswordIsRefusedWithoutEchoingIt() throws Exception {
        Path profile = Files.writeString(work.resolve("profile.json"),
                "{\"url\": \"jdbc:oracle:thin:@//db:1521/X\", \"user\": \"U\", \"password\": \"hunter2\"}");
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> new OracleExportTarget().check("doc_model", Map.of("profile", profile.toString())));
        assertTrue(e.getMessage().contains("unknown key 'password'"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void itsSettingsDeclarationAgreesWithItsCheck() throws Exception {
        ExportTargetContract.assertDeclarationMatchesCheck(new OracleExportTarget(), "doc_model",
                Map.of("url", "jdbc:oracle:thin:@//db:1521/FREEPDB1", "user", "SCOTT", "password", "tiger"));
        Path profile = Files.writeString(work.resolve("contract.json"), "{\"url\": \"jdbc:oracle:thin:@//db:1521/X\","
                + " \"user\": \"U\", \"password_env\": \"ORACLE_PASSWORD\"}");
        ExportTargetContract.assertDeclarationMatchesCheck(new OracleExportTarget(), "doc_model",
                Map.of("profile", profile.toString()));
    }

    @Test
    void thePasswordIsItsOneSecretAndFilesAreDeclaredAsPaths() {
        Map<String, Setting> declared = new java.util.HashMap<>();
        new OracleExportTarget().settings().forEach(setting -> declared.put(setting.name(), setting));
        assertEquals(Set.of("password"), Set.copyOf(declared.values().stream().filter(Setting::secret)
                .map(Setting::name).toList()));
        assertEquals(Setting.Type.PATH, declared.get("profile").type());
        assertEquals(Setting.Type.PATH, declared.get("password_file").type());
        assertTrue(new OracleExportTarget().needsName(), "a mining model needs a name of its own");
    }

    private ExportReceipt export(StandInDatabase database, String name, String metadata, Map<String, String> extra)
            throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(extra);
        settings.put("profile", profile(database, StandInSettings.DEFAULT_PASSWORD).toString());
        return new OracleExportTarget().export(request(name, metadata, settings), Progress.NONE);
    }

    private ExportRequest request(String name, String metadata, Map<String, String> settings) throws Exception {
        return request(name, model(), metadata, settings);
    }

    private static ExportRequest request(String name, Path model, String metadata, Map<String, String> settings) {
        return new ExportRequest(name, model, "0".repeat(64), metadata, settings);
    }

    private Map<String, String> settings(StandInDatabase database) throws Exception {
        return Map.of("profile", profile(database, StandInSettings.DEFAULT_PASSWORD).toString());
    }

    private Path model() throws Exception {
        Path file = work.resolve("pipeline.onnx");
        return Files.exists(file) ? file : StandInModels.embedding().write(file);
    }

    private Path profile(StandInDatabase database, String password) throws Exception {
        Files.writeString(work.resolve("secret.txt"), password + "\n");
        return Files.writeString(work.resolve("profile.json"), "{\"url\": \"" + database.url() + "\", \"user\": \""
                + StandInSettings.DEFAULT_USER.toLowerCase() + "\", \"password_file\": \"secret.txt\"}");
    }

    private static StandInDatabase database(StandInSettings.Builder settings) {
        return settings.start();
    }

    private static String next() {
        return "target" + DATABASES.incrementAndGet();
    }
}
