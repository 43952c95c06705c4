package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.export.oracle.standin.StandInDatabase;
import dev.modeldock.export.oracle.standin.StandInSettings;
import dev.modeldock.registry.Role;
import dev.modeldock.testkit.api.ApiClient;
import dev.modeldock.testkit.api.ApiResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deployments through the real export targets: the file target into a temporary folder, and the
 * Oracle target into the in-process Oracle stand-in. Then drift checks against what the target holds.
 */
class DeploymentApiTest {
    /** The Oracle account's password: it must appear in no answer of the API. */
    private static final String ORACLE_PASSWORD = "Tiger-9f3c1e-never-shown";

    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass();
    /** The file target's folder, inside the server's folder for target files. */
    static Path outputDir;
    static ApiClient deployer;
    static StandInDatabase oracle;
    static byte[] regressor;
    static byte[] classifier;

    @BeforeAll
    static void start() {
        deployer = server.newUser(Role.DEPLOYER);
        oracle = StandInSettings.named("api_deployments").account("SCOTT", ORACLE_PASSWORD).start();
        outputDir = server.dataDir.resolve("targets").resolve("deployments");
        regressor = ServerFixture.regressor();
        classifier = ServerFixture.classifier();
        server.admin().post("/api/v1/targets", Map.of("name", "files", "plugin", "file",
                "settings", Map.of("output_dir", "deployments"))).expect(201);
        server.admin().post("/api/v1/targets", Map.of("name", "oracle-db", "plugin", "oracle",
                "settings", Map.of("url", oracle.url(), "user", "SCOTT", "password", ORACLE_PASSWORD))).expect(201);
    }

    @AfterAll
    static void stop() {
        oracle.close();
    }

    /** A model with version 1 (the regressor, alias prod) and version 2 (the classifier). */
    private static void model(String name) {
        server.admin().createModel(name);
        server.admin().upload(name, regressor, ServerFixture.REGRESSOR_METADATA);
        server.admin().upload(name, classifier, ServerFixture.CLASSIFIER_METADATA);
        server.admin().put("/api/v1/models/" + name + "/aliases/prod", Map.of("version", 1)).expect(200);
    }

    /** Starts a deployment, waits for its job, and returns the deployment as it is then. */
    private static JsonNode deploy(Map<String, Object> request) {
        ApiResponse accepted = deployer.post("/api/v1/deployments", request).expect(202);
        JsonNode answer = accepted.json();
        assertEquals("deployment", answer.path("kind").asText());
        assertEquals("/api/v1/jobs/" + answer.path("id").asText(), accepted.header("Location"));
        assertEquals(answer.path("id").asText(), answer.path("deployment").path("jobId").asText());
        JsonNode job = deployer.awaitJob(answer.path("id").asText());
        assertEquals("succeeded", job.path("state").asText(), job.toString());
        return deployer.get("/api/v1/deployments/" + answer.path("deployment").path("id").asLong()).expect(200).json();
    }

    @Test
    void fileDeploymentByAliasWritesTheArtifactAndChecksForDrift() throws Exception {
        model("dep-file");
        JsonNode deployment = deploy(Map.of("model", "dep-file", "alias", "prod", "target", "files",
                "databaseModelName", "dep_file_model"));
        assertEquals("deployed", deployment.path("status").asText(), deployment.toString());
        assertEquals(1, deployment.path("version").asInt());
        assertEquals("dep-file", deployment.path("model").asText());
        assertEquals("files", deployment.path("target").asText());
        assertEquals(VersionUploadApiTest.sha256(regressor), deployment.path("artifactSha256").asText());
        Path file = outputDir.resolve("dep_file_model.onnx");
        assertEquals(file.toString(), deployment.path("location").asText());
        assertArrayEquals(regressor, Files.readAllBytes(file));
        assertEquals("regression", ServerFixture.JSON.readTree(outputDir.resolve("dep_file_model.json").toFile())
                .path("function").asText());

        long id = deployment.path("id").asLong();
        JsonNode checked = deployer.post("/api/v1/deployments/" + id + "/check", "").expect(200).json();
        assertTrue(checked.path("lastCheck").path("matches").asBoolean(), checked.toString());
        assertFalse(checked.path("lastCheck").path("drift").asBoolean(), checked.toString());
        assertTrue(checked.path("lastCheck").path("present").asBoolean(), checked.toString());

        Files.write(file, classifier); // someone replaced the file by hand
        checked = deployer.post("/api/v1/deployments/" + id + "/check", "").expect(200).json();
        assertTrue(checked.path("lastCheck").path("drift").asBoolean(), checked.toString());
        assertFalse(checked.path("lastCheck").path("matches").asBoolean(), checked.toString());
        assertEquals(checked.path("lastCheck"), server.newUser(Role.VIEWER).get("/api/v1/deployments/" + id).expect(200)
                .json().path("lastCheck"), "the outcome is kept");
        JsonNode anonymous = server.anonymous().get("/api/v1/deployments/" + id).expect(200).json();
        assertTrue(anonymous.path("lastCheck").path("drift").asBoolean(), anonymous.toString());
        assertFalse(anonymous.has("location") || anonymous.path("lastCheck").has("detail"), anonymous.toString());
        assertFalse(anonymous.toString().contains(outputDir.toString()), "no server path for anonymous readers: "
                + anonymous);

        Files.delete(file);
        checked = deployer.post("/api/v1/deployments/" + id + "/check", "").expect(200).json();
        assertFalse(checked.path("lastCheck").path("present").asBoolean(), checked.toString());
        assertTrue(checked.path("lastCheck").path("drift").asBoolean(), checked.toString());
    }

    @Test
    void aCheckThatFindsDriftMarksTheDeploymentDriftedUntilACheckFindsTheArtifactAgain() throws Exception {
        model("dep-drift");
        long id = deploy(Map.of("model", "dep-drift", "version", 1, "target", "files", "databaseModelName",
                "dep_drift")).path("id").asLong();
        Path file = outputDir.resolve("dep_drift.onnx");
        assertTrue(deployer.get("/api/v1/deployments/" + id).expect(200).json().path("checkedAt").isNull(),
                "not checked yet");

        Files.write(file, classifier); // someone replaced the file by hand
        JsonNode drifted = deployer.post("/api/v1/deployments/" + id + "/check", "").expect(200).json();
        assertEquals("drifted", drifted.path("status").asText(), drifted.toString());
        Instant firstCheck = Instant.parse(drifted.path("checkedAt").asText());
        assertEquals(drifted.path("lastCheck").path("checkedAt").asText(), firstCheck.toString());
        JsonNode shown = server.anonymous().get("/api/v1/deployments/" + id).expect(200).json();
        assertEquals("drifted", shown.path("status").asText(), "the status is kept");
        assertEquals(firstCheck, Instant.parse(shown.path("checkedAt").asText()));

        Files.write(file, regressor); // and someone put it back
        JsonNode restored = deployer.post("/api/v1/deployments/" + id + "/check", "").expect(200).json();
        assertEquals("deployed", restored.path("status").asText(), restored.toString());
        assertFalse(Instant.parse(restored.path("checkedAt").asText()).isBefore(firstCheck), restored.toString());
        server.admin().delete("/api/v1/models/dep-drift").expectError(409, "dep_drift");
    }

    @Test
    void deploymentByNumberAndListingByModelNewestFirst() throws Exception {
        model("dep-list");
        JsonNode first = deploy(Map.of("model", "dep-list", "version", 2, "target", "files",
                "databaseModelName", "dep_list_a"));
        assertEquals(2, first.path("version").asInt());
        assertArrayEquals(classifier, Files.readAllBytes(outputDir.resolve("dep_list_a.onnx")));
        JsonNode second = deploy(Map.of("model", "dep-list", "version", 1, "target", "files",
                "databaseModelName", "dep_list_a", "replace", true));
        assertArrayEquals(regressor, Files.readAllBytes(outputDir.resolve("dep_list_a.onnx")));

        JsonNode listed = server.anonymous().get("/api/v1/deployments?model=dep-list").expect(200).json();
        assertEquals(2, listed.size());
        assertEquals(second.path("id"), listed.path(0).path("id"));
        assertEquals("deployed", listed.path(0).path("status").asText());
        assertEquals("replaced", listed.path(1).path("status").asText(), "the earlier deployment of that name");
        assertTrue(server.anonymous().get("/api/v1/deployments").expect(200).json().size() >= 2);
        server.anonymous().get("/api/v1/deployments?model=dep-nobody").expectError(404, "dep-nobody");
    }

    @Test
    void aDeployedModelCannotBeDeleted() {
        model("dep-keep");
        deploy(Map.of("model", "dep-keep", "alias", "prod", "target", "files", "databaseModelName", "dep_keep"));
        JsonNode before = server.storedState();
        server.admin().delete("/api/v1/models/dep-keep").expectError(409, "deployed");
        ServerFixture.assertUnchanged(before, server.storedState(), "deleting a deployed model");
    }

    @Test
    void retiringItsDeploymentLetsTheModelBeDeleted() {
        model("dep-retire");
        JsonNode deployed = deploy(Map.of("model", "dep-retire", "alias", "prod", "target", "files",
                "databaseModelName", "dep_retire"));
        long id = deployed.path("id").asLong();
        server.anonymous().post("/api/v1/deployments/" + id + "/retire", Map.of()).expectError(401, "token");
        JsonNode retired = deployer.post("/api/v1/deployments/" + id + "/retire", Map.of()).expect(200)
                .json();
        assertEquals("retired", retired.path("status").asText(), retired.toString());
        server.admin().delete("/api/v1/models/dep-retire").expect(204);
        server.anonymous().get("/api/v1/models/dep-retire").expectError(404, "dep-retire");
    }

    @Test
    void oracleDeploymentLoadsTheModelAndNeverShowsThePassword() throws Exception {
        model("dep-oracle");
        ApiResponse accepted = deployer.post("/api/v1/deployments", Map.of("model", "dep-oracle",
                "alias", "prod", "target", "oracle-db", "databaseModelName", "REG_MODEL")).expect(202);
        String jobId = accepted.json().path("id").asText();
        JsonNode job = deployer.awaitJob(jobId);
        assertEquals("succeeded", job.path("state").asText(), job.toString());
        long id = accepted.json().path("deployment").path("id").asLong();
        JsonNode deployment = deployer.get("/api/v1/deployments/" + id).expect(200).json();
        assertEquals("deployed", deployment.path("status").asText(), deployment.toString());
        assertTrue(oracle.modelNames().contains("SCOTT.REG_MODEL"), oracle.modelNames().toString());
        assertArrayEquals(regressor, Files.readAllBytes(oracle.storedBytes("SCOTT.REG_MODEL")));
        assertTrue(deployment.path("location").asText().endsWith("@" + oracle.url() + "/REG_MODEL"), deployment.toString());

        JsonNode checked = deployer.post("/api/v1/deployments/" + id + "/check", "").expect(200).json();
        assertTrue(checked.path("lastCheck").path("matches").asBoolean(), checked.toString());

        for (String path : List.of("/api/v1/targets", "/api/v1/targets/oracle-db", "/api/v1/jobs/" + jobId,
                "/api/v1/jobs/" + jobId + "/events", "/api/v1/deployments/" + id, "/api/v1/deployments",
                "/openapi.json")) {
            String body = server.admin().get(path).expect(200).text();
            assertFalse(body.contains(ORACLE_PASSWORD), path + " shows the password: " + body);
        }
        assertFalse(accepted.text().contains(ORACLE_PASSWORD), accepted.text());
        assertFalse(checked.toString().contains(ORACLE_PASSWORD), checked.toString());
    }

    @Test
    void oracleReplacesAnExistingModelOnlyWhenAsked() throws Exception {
        model("dep-replace");
        Map<String, Object> request = Map.of("model", "dep-replace", "version", 1, "target", "oracle-db",
                "databaseModelName", "REPLACED_MODEL");
        JsonNode first = deploy(request);
        assertEquals("deployed", first.path("status").asText());

        Map<String, Object> second = new HashMap<>(request);
        second.put("version", 2);
        ApiResponse refused = deployer.post("/api/v1/deployments", second).expect(202);
        JsonNode job = deployer.awaitJob(refused.json().path("id").asText());
        assertEquals("failed", job.path("state").asText());
        assertTrue(job.path("error").asText().contains("already exists"), job.toString());
        assertArrayEquals(regressor, Files.readAllBytes(oracle.storedBytes("SCOTT.REPLACED_MODEL")));

        second.put("replace", true);
        JsonNode replaced = deploy(second);
        assertEquals("deployed", replaced.path("status").asText());
        assertArrayEquals(classifier, Files.readAllBytes(oracle.storedBytes("SCOTT.REPLACED_MODEL")));
        List<String> statuses = new java.util.ArrayList<>();
        server.anonymous().get("/api/v1/deployments?model=dep-replace").expect(200).json()
                .forEach(d -> statuses.add(d.path("version").asInt() + ":" + d.path("status").asText()));
        assertEquals(List.of("2:deployed", "2:failed", "1:replaced"), statuses);
    }

    @Test
    void aDeploymentTheTargetRefusesFailsWithoutShowingThePassword() {
        model("dep-refused");
        String wrong = "Wrong-Password-5b7d";
        server.admin().post("/api/v1/targets", Map.of("name", "oracle-wrong", "plugin", "oracle",
                "settings", Map.of("url", oracle.url(), "user", "SCOTT", "password", wrong))).expect(201);
        ApiResponse accepted = deployer.post("/api/v1/deployments", Map.of("model", "dep-refused",
                "version", 1, "target", "oracle-wrong", "databaseModelName", "REFUSED_MODEL")).expect(202);
        JsonNode job = deployer.awaitJob(accepted.json().path("id").asText());
        assertEquals("failed", job.path("state").asText(), job.toString());
        JsonNode deployment = deployer.get("/api/v1/deployments/" + accepted.json().path("deployment").path("id")
                .asLong()).expect(200).json();
        assertEquals("failed", deployment.path("status").asText());
        assertFalse(deployment.path("error").asText().isBlank(), deployment.toString());
        for (JsonNode shown : List.of(job, deployment)) {
            assertFalse(shown.toString().contains(wrong), shown.toString());
        }
        assertFalse(oracle.modelNames().contains("SCOTT.REFUSED_MODEL"));
        // A failed deployment does not hold the model.
        server.admin().delete("/api/v1/models/dep-refused").expect(204);
    }

    @Test
    void badDeploymentRequestsAre4xxAndRecordNothing() {
        model("dep-bad");
        JsonNode before = server.storedState();
        Map<String, Object> good = Map.of("model", "dep-bad", "version", 1, "target", "files",
                "databaseModelName", "dep_bad");
        deployer.post("/api/v1/deployments", without(good, "model")).expectError(400, "model");
        deployer.post("/api/v1/deployments", without(good, "target")).expectError(400, "target");
        deployer.post("/api/v1/deployments", without(with(good, "target", "oracle-db"), "databaseModelName"))
                .expectError(400, "databaseModelName");
        deployer.post("/api/v1/deployments", without(good, "version")).expectError(400, "alias");
        deployer.post("/api/v1/deployments", with(good, "alias", "prod")).expectError(400, "alias");
        deployer.post("/api/v1/deployments", with(good, "version", 9)).expectError(404, "9");
        deployer.post("/api/v1/deployments", with(without(good, "version"), "alias", "nosuch")).expectError(404, "nosuch");
        deployer.post("/api/v1/deployments", with(good, "model", "dep-nobody")).expectError(404, "dep-nobody");
        deployer.post("/api/v1/deployments", with(good, "target", "no-target")).expectError(404, "no-target");
        deployer.post("/api/v1/deployments", with(good, "databaseModelName", "../escape")).expectError(400, "escape");
        deployer.post("/api/v1/deployments", with(with(good, "target", "oracle-db"), "databaseModelName", "NOT A NAME"))
                .expectError(400, "NOT A NAME");
        deployer.post("/api/v1/deployments", with(good, "replace", "sometimes")).expectError(400, "replace");
        deployer.post("/api/v1/deployments", with(good, "version", "latest")).expectError(400, "version");
        deployer.post("/api/v1/deployments/999999/check", "").expectError(404, "999999");
        server.anonymous().get("/api/v1/deployments/999999").expectError(404, "999999");
        server.anonymous().get("/api/v1/deployments/not-a-number").expectError(404);
        ServerFixture.assertUnchanged(before, server.storedState(), "refused deployment requests");
        assertFalse(Files.exists(outputDir.resolve("dep_bad.onnx")));
    }

    private static Map<String, Object> with(Map<String, Object> request, String key, Object value) {
        Map<String, Object> changed = new HashMap<>(request);
        changed.put(key, value);
        return changed;
    }

    private static Map<String, Object> without(Map<String, Object> request, String key) {
        Map<String, Object> changed = new HashMap<>(request);
        changed.remove(key);
        return changed;
    }
}
