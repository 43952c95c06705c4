package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.export.oracle.standin.StandInDatabase;
import dev.modeldock.export.oracle.standin.StandInSettings;
import dev.modeldock.plugin.ExternalDataPackage;
import dev.modeldock.plugin.ExternalDataPackage.Member;
import dev.modeldock.plugin.Sha256;
import dev.modeldock.registry.Role;
import dev.modeldock.service.PlaygroundService;
import dev.modeldock.service.VersionInspection;
import dev.modeldock.service.VersionService;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.api.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A version converted with external data for Oracle Database 26ai is stored as its package, with
 * every member's SHA-256 recorded, and each member is checked again wherever the package goes: the
 * download, the file target, the Oracle target (through a database directory of a 26ai), the
 * playground.
 */
class ExternalDataVersionApiTest {
    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass();
    static ApiClient deployer;
    static StandInDatabase oracle;
    static Path directory;
    static JsonNode version;

    @BeforeAll
    static void convertWithExternalData() {
        Path hub = MiniLmHubFolder.create(server.dataDir.resolve("sources/hub"));
        server.admin().createModel("external");
        String job = server.admin().post("/api/v1/models/external/versions", Map.of("source", hub.toString(),
                "targetRelease", 26, "config", Map.of("use_external_data", true))).expect(202).json().path("id").asText();
        JsonNode done = server.admin().awaitJob(job);
        assertEquals("succeeded", done.path("state").asText(), done.toString());
        version = server.anonymous().get("/api/v1/models/external/versions/1").expect(200).json();
        deployer = server.newUser(Role.DEPLOYER);
        directory = server.dataDir.resolve("oracle-directory");
        oracle = StandInSettings.named("external_data").version("23.26.0.0.0").account("SCOTT", "Tiger-7a1")
                .directory("ONNX_MODELS", directory, "READ", "WRITE").start();
        server.admin().post("/api/v1/targets", Map.of("name", "files", "plugin", "file",
                "settings", Map.of("output_dir", "external"))).expect(201);
        server.admin().post("/api/v1/targets", Map.of("name", "oracle-db", "plugin", "oracle",
                "settings", Map.of("url", oracle.url(), "user", "SCOTT", "password", "Tiger-7a1",
                        "directory", "onnx_models"))).expect(201);
        server.admin().post("/api/v1/targets", Map.of("name", "oracle-no-directory", "plugin", "oracle",
                "settings", Map.of("url", oracle.url(), "user", "SCOTT", "password", "Tiger-7a1"))).expect(201);
    }

    @AfterAll
    static void stop() {
        oracle.close();
    }

    @Test
    void theVersionRecordsEachFileOfItsPackageAndDownloadsAsThatPackage() throws Exception {
        JsonNode artifact = version.path("artifact");
        assertEquals("external-data-package", artifact.path("layout").asText(), artifact.toString());
        assertEquals(26, version.path("validation").path("targetRelease").asInt());
        Path download = server.dataDir.resolve("external-v1.zip");
        var answer = server.anonymous().download(artifact.path("href").asText(), download);
        assertEquals(200, answer.statusCode());
        assertTrue(answer.headers().firstValue("Content-Disposition").orElseThrow().contains("external-v1.zip"));
        assertEquals(recorded(), ExternalDataPackage.read(download), "every member as recorded when filed");
        assertEquals(List.of("model.onnx", "model_external_data.json"), List.of(recorded().get(0).name(),
                recorded().get(2).name()));
    }

    @Test
    void itDeploysToTheFileTargetAsNameZipWhoseFilesAreTheRecordedOnes() throws Exception {
        JsonNode deployment = deploy(Map.of("model", "external", "version", 1, "target", "files",
                "databaseModelName", "large_model"));
        Path zip = server.dataDir.resolve("targets/external/large_model.zip");
        assertEquals("deployed", deployment.path("status").asText(), deployment.toString());
        assertEquals(zip.toString(), deployment.path("location").asText());
        assertEquals(recorded(), ExternalDataPackage.read(zip));
        JsonNode checked = deployer.post("/api/v1/deployments/" + deployment.path("id").asLong() + "/check", "")
                .expect(200).json();
        assertTrue(checked.path("lastCheck").path("matches").asBoolean(), checked.toString());
    }

    @Test
    void deployingItForOracle23aiIsRefusedNamingRelease26() {
        deployer.post("/api/v1/deployments", Map.of("model", "external", "version", 1, "target", "files",
                "databaseModelName", "for_23", "targetRelease", 23))
                .expectError(400, "keeps its weights in external data, which Oracle Database 23ai does not load");
    }

    @Test
    void itDeploysToA26aiThroughADirectoryHoldingTheRecordedFilesAndTheModelScoresAsTheArtifact()
            throws Exception {
        Files.createDirectories(directory);
        JsonNode deployment = deploy(Map.of("model", "external", "version", 1, "target", "oracle-db",
                "databaseModelName", "LARGE_MODEL"));

        assertEquals("deployed", deployment.path("status").asText(), deployment.toString());
        assertTrue(oracle.modelNames().contains("SCOTT.LARGE_MODEL"), oracle.modelNames().toString());
        Map<String, String> written = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                written.put(file.getFileName().toString(), Sha256.of(file));
            }
        }
        Map<String, String> expected = new TreeMap<>();
        for (Member member : recorded()) {
            expected.put(member.name().replace("model.onnx", "SCOTT_LARGE_MODEL.onnx")
                    .replace("model_external_data.json", "SCOTT_LARGE_MODEL_external_data.json"), member.sha256());
        }
        assertEquals(expected, written, "every file of the package, as recorded, in the database directory");
        JsonNode checked = deployer.post("/api/v1/deployments/" + deployment.path("id").asLong() + "/check", "")
                .expect(200).json();
        assertTrue(checked.path("lastCheck").path("matches").asBoolean(), checked.toString());
    }

    @Test
    void anOracleTargetWithoutADirectoryFailsTheDeploymentNamingTheSetting() {
        JsonNode accepted = deployer.post("/api/v1/deployments", Map.of("model", "external", "version", 1,
                "target", "oracle-no-directory", "databaseModelName", "NO_DIRECTORY")).expect(202).json();
        JsonNode job = deployer.awaitJob(accepted.path("id").asText());
        assertEquals("failed", job.path("state").asText(), job.toString());
        assertTrue(job.path("error").asText().contains("set the oracle target's 'directory' to a directory object"),
                job.toString());
    }

    @Test
    void thePlaygroundAndTheInspectorReadTheModelInsideThePackage() throws Exception {
        PlaygroundService.Result embedded = server.server.services().playground().embed("external", "1",
                List.of("vector search in the database", "a quiet afternoon"));
        assertEquals(MiniLmHubFolder.WIDTH, embedded.texts().get(0).dimensions());
        assertEquals(1.0, embedded.texts().get(0).norm(), 1e-5, "the preconfigured pipeline normalizes");
        VersionService versions = server.server.services().versions();
        VersionInspection inspection = versions.inspect(versions.get("external", "1"));
        assertTrue(inspection.accepted(), inspection.toString());
        assertEquals(26, inspection.targetRelease());
    }

    private static List<Member> recorded() {
        List<Member> members = new ArrayList<>();
        for (JsonNode file : version.path("artifact").path("files")) {
            members.add(new Member(file.path("name").asText(), file.path("sha256").asText(),
                    file.path("bytes").asLong()));
        }
        assertEquals(3, members.size(), members.toString());
        return members;
    }

    private static JsonNode deploy(Map<String, Object> request) {
        JsonNode accepted = deployer.post("/api/v1/deployments", request).expect(202).json();
        JsonNode job = deployer.awaitJob(accepted.path("id").asText());
        assertEquals("succeeded", job.path("state").asText(), job.toString());
        return deployer.get("/api/v1/deployments/" + accepted.path("deployment").path("id").asLong()).expect(200)
                .json();
    }
}
