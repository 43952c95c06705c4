package dev.modeldock.export.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.artifact.ExternalDataPackager;
import dev.modeldock.export.oracle.standin.StandInDatabase;
import dev.modeldock.export.oracle.standin.StandInModels;
import dev.modeldock.export.oracle.standin.StandInSettings;
import dev.modeldock.onnx.DataFile;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.plugin.DeployedState;
import dev.modeldock.plugin.ExportRequest;
import dev.modeldock.plugin.ExternalDataPackage;
import dev.modeldock.plugin.ExternalDataPackage.Member;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Progress;
import dev.modeldock.plugin.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model with external data deployed by the Oracle target: its files written into a database
 * directory, loaded from there by a 26ai stand-in, and refused, before any file is written, where
 * that cannot work.
 */
class ExternalDataDeploymentTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final String RELEASE_26AI = "23.26.0.0.0";

    @TempDir
    Path work;
    private Path directory;
    private Path pack;
    private List<Member> members;

    @BeforeEach
    void writePackage() throws Exception {
        directory = Files.createDirectory(work.resolve("models-directory"));
        Path single = StandInModels.embedding().write(work.resolve("pipeline.onnx"));
        pack = work.resolve("pipeline.zip");
        members = ExternalDataPackager.pack("model", DataFile.contentNamed(OnnxModels.read(single), "model", 16),
                pack).members();
    }

    @Test
    void aPackageIsWrittenIntoTheDirectoryThenLoadedFromItAndScoresAsTheLocalPipeline() throws Exception {
        try (StandInDatabase database = StandInSettings.named(next()).version(RELEASE_26AI)
                .directory("models", directory, "READ", "WRITE").start()) {
            List<String> stages = new ArrayList<>();
            new OracleExportTarget().export(request(database, "models"), (stage, fraction) -> stages.add(stage));

            assertEquals(Set.of("MODELDOCK.DOC_MODEL"), database.modelNames());
            assertTrue(stages.get(stages.size() - 1).startsWith("EMBEDDING model, 4 dimensions, VECTOR_EMBEDDING"
                    + " matches the local pipeline"), stages.toString());
            Map<String, String> expected = new TreeMap<>();
            for (Member member : members) {
                String name = member.name().equals("model.onnx") ? "MODELDOCK_DOC_MODEL.onnx"
                        : member.name().equals("model_external_data.json") ? "MODELDOCK_DOC_MODEL_external_data.json"
                        : member.name();
                expected.put(name, member.sha256());
            }
            assertEquals(expected, hashes(directory), "each file of the package, byte for byte, under its name");
            assertTrue(new OracleExportTarget().inspect(request(database, "models")).matches());
        }
    }

    @Test
    void a23aiDatabaseRefusesAPackageBeforeAnyFileIsWritten() throws Exception {
        try (StandInDatabase database = StandInSettings.named(next()).directory("models", directory, "READ", "WRITE")
                .start()) {
            ModelDockException refused = assertThrows(ModelDockException.class,
                    () -> new OracleExportTarget().export(request(database, "models"), Progress.NONE));

            assertTrue(refused.getMessage().contains("Oracle Database 23ai, which does not load external data: deploy it"
                    + " to an Oracle Database 26ai"), refused.getMessage());
            assertEquals(Map.of(), hashes(directory));
        }
    }

    @Test
    void aPackageWithoutADirectoryIsRefusedNamingTheSettingAndTheGrantsItNeeds() throws Exception {
        try (StandInDatabase database = StandInSettings.named(next()).version(RELEASE_26AI).start()) {
            ModelDockException refused = assertThrows(ModelDockException.class,
                    () -> new OracleExportTarget().export(request(database, null), Progress.NONE));

            assertTrue(refused.getMessage().contains("set the oracle target's 'directory'"), refused.getMessage());
            assertTrue(refused.getMessage().contains("GRANT READ, WRITE ON DIRECTORY"), refused.getMessage());
        }
    }

    @Test
    void aDirectoryNotGrantedIsNamedWithTheGrantToAskFor() throws Exception {
        try (StandInDatabase database = StandInSettings.named(next()).version(RELEASE_26AI)
                .directory("models", directory).directory("readonly", directory, "READ").start()) {
            ModelDockException hidden = assertThrows(ModelDockException.class,
                    () -> new OracleExportTarget().export(request(database, "models"), Progress.NONE));
            ModelDockException readOnly = assertThrows(ModelDockException.class,
                    () -> new OracleExportTarget().export(request(database, "readonly"), Progress.NONE));

            assertTrue(hidden.getMessage().contains("directory MODELS does not exist or is not granted to MODELDOCK"
                    + " (ALL_DIRECTORIES does not list it): ask the DBA"), hidden.getMessage());
            assertTrue(readOnly.getMessage().contains("ORA-29289"), readOnly.getMessage());
            assertEquals(Map.of(), hashes(directory));
            assertEquals(Set.of(), database.modelNames());
        }
    }

    @Test
    void aDirectoryNameThatIsNotAnIdentifierIsRefusedByTheSettingsCheck() {
        Map<String, String> settings = Map.of("url", "jdbc:oracle:thin:@//db:1521/free", "user", "scott",
                "password", "x", "directory", "../models");

        ModelDockException refused = assertThrows(ModelDockException.class,
                () -> new OracleExportTarget().check("doc_model", settings));

        assertTrue(refused.getMessage().startsWith("directory '../models' is not a directory object's name"),
                refused.getMessage());
    }

    private ExportRequest request(StandInDatabase database, String directoryName) throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("profile", database.writeProfile(work).toString());
        if (directoryName != null) {
            settings.put("directory", directoryName);
        }
        return new ExportRequest("doc_model", pack, Sha256.of(pack), OracleExportTargetTest.METADATA, settings,
                ExportRequest.Layout.EXTERNAL_DATA_PACKAGE);
    }

    private static Map<String, String> hashes(Path folder) throws Exception {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                hashes.put(file.getFileName().toString(), Sha256.of(file));
            }
        }
        return hashes;
    }

    private static String next() {
        return "external" + DATABASES.incrementAndGet();
    }
}
