package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.export.oracle.standin.StandInDatabase;
import dev.modeldock.export.oracle.standin.StandInSettings;
import dev.modeldock.service.DeploymentRequest;
import dev.modeldock.service.DeploymentService;
import dev.modeldock.service.Preflight;
import dev.modeldock.service.Preflight.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A deployment's preflight and its name check, against the real file target and the Oracle stand-in:
 * each check reported, nothing changed, and the name refused as the target itself would refuse it.
 */
class DeploymentPreflightTest {
    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass();
    static StandInDatabase oracle;
    static DeploymentService deployments;

    @BeforeAll
    static void start() {
        oracle = StandInSettings.named("preflight_service").account("SCOTT", "tiger-preflight").start();
        server.admin().post("/api/v1/targets", Map.of("name", "files", "plugin", "file",
                "settings", Map.of("output_dir", "preflight"))).expect(201);
        server.admin().post("/api/v1/targets", Map.of("name", "oracle-db", "plugin", "oracle",
                "settings", Map.of("url", oracle.url(), "user", "SCOTT", "password", "tiger-preflight"))).expect(201);
        server.admin().post("/api/v1/targets", Map.of("name", "oracle-wrong", "plugin", "oracle",
                "settings", Map.of("url", oracle.url(), "user", "SCOTT", "password", "not-the-password"))).expect(201);
        server.admin().createModel("pre");
        server.admin().upload("pre", ServerFixture.regressor(), ServerFixture.REGRESSOR_METADATA);
        server.admin().put("/api/v1/models/pre/aliases/prod", Map.of("version", 1)).expect(200);
        deployments = server.server.services().deployments();
    }

    @AfterAll
    static void stop() {
        oracle.close();
    }

    private static List<Outcome> outcomes(Preflight preflight) {
        return preflight.checks().stream().map(Preflight.Check::outcome).toList();
    }

    @Test
    void aFreshNameOnTheFileTargetPassesEveryCheckAndAnExistingOneNeedsReplace() throws Exception {
        DeploymentRequest request = new DeploymentRequest("pre", null, "prod", "files", "pre_file", false, null);
        Preflight fresh = deployments.preflight(request);
        assertEquals(List.of(Outcome.PASSED, Outcome.PASSED, Outcome.PASSED, Outcome.PASSED, Outcome.PASSED),
                outcomes(fresh), fresh.toString());
        assertTrue(fresh.passed());
        assertTrue(deployments.list("pre").isEmpty(), "a preflight records no deployment");

        String job = deployments.deploy(request, "admin").job().id();
        assertEquals("succeeded", server.admin().awaitJob(job).path("state").asText());
        Preflight taken = deployments.preflight(request);
        assertEquals(Outcome.FAILED, taken.checks().get(4).outcome(), taken.toString());
        assertTrue(taken.checks().get(4).detail().contains("this very artifact"), taken.toString());
        assertFalse(taken.passed());
        Preflight replacing = deployments.preflight(new DeploymentRequest("pre", 1, null, "files", "pre_file", true, null));
        assertEquals(Outcome.WARNING, replacing.checks().get(4).outcome(), replacing.toString());
        assertTrue(replacing.passed());
    }

    @Test
    void theOracleNameIsCheckedByOraclesRulesAndThePreflightReachesTheDatabase() throws Exception {
        assertTrue(deployments.nameProblem("pre", "oracle-db", "select").orElseThrow().contains("reserved word"));
        assertTrue(deployments.nameProblem("pre", "oracle-db", "1abc").isPresent());
        assertTrue(deployments.nameProblem("pre", "oracle-db", "").orElseThrow().contains("needs the name"));
        assertEquals(Optional.empty(), deployments.nameProblem("pre", "oracle-db", "scott.pre_model"));
        assertEquals(Optional.empty(), deployments.nameProblem("pre", "files", ""), "the file target uses the model's");

        Preflight ready = deployments.preflight(new DeploymentRequest("pre", 1, null, "oracle-db", "PRE_MODEL", false, null));
        assertTrue(ready.passed(), ready.toString());
        assertTrue(ready.checks().get(4).detail().contains("PRE_MODEL is not in ALL_MINING_MODELS"), ready.toString());

        Preflight refused = deployments.preflight(new DeploymentRequest("pre", 1, null, "oracle-wrong", "PRE_MODEL",
                false, null));
        assertFalse(refused.passed(), "the wrong password is found before deploying: " + refused);
        assertEquals(Outcome.FAILED, refused.checks().get(4).outcome(), refused.toString());
        assertFalse(refused.toString().contains("not-the-password"), refused.toString());
    }

    @Test
    void aMissingAliasOrProfileFailsItsCheckByName() throws Exception {
        Preflight noAlias = deployments.preflight(new DeploymentRequest("pre", null, "staging", "files", "x", false, null));
        assertEquals(Outcome.FAILED, noAlias.checks().get(0).outcome(), noAlias.toString());
        assertTrue(noAlias.checks().get(0).detail().contains("staging"), noAlias.toString());
        Preflight noProfile = deployments.preflight(new DeploymentRequest("pre", 1, null, "nowhere", "x", false, null));
        assertEquals(List.of(Outcome.PASSED, Outcome.PASSED, Outcome.FAILED), outcomes(noProfile),
                noProfile.toString());
        assertTrue(noProfile.checks().get(2).detail().contains("nowhere"), noProfile.toString());
    }

    @Test
    void theSizeCheckIsForTheReleaseAskedForElseTheOneTheVersionWasFiledFor() throws Exception {
        Preflight filedFor = deployments.preflight(new DeploymentRequest("pre", 1, null, "files", "x", false, null));
        Preflight.Check size = filedFor.checks().get(1);
        assertEquals(Outcome.PASSED, size.outcome(), filedFor.toString());
        assertTrue(size.detail().endsWith("is within the 1 GB Oracle Database 23ai imports"), size.detail());

        Preflight for26 = deployments.preflight(new DeploymentRequest("pre", 1, null, "files", "x", false, 26));
        assertTrue(for26.checks().get(1).detail().endsWith("is within the 2 GB Oracle Database 26ai imports"),
                for26.toString());

        Preflight for19 = deployments.preflight(new DeploymentRequest("pre", 1, null, "files", "x", false, 19));
        assertEquals(Outcome.FAILED, for19.checks().get(1).outcome(), for19.toString());
        assertTrue(for19.checks().get(1).detail().contains("no Oracle target release 19"), for19.toString());
        assertFalse(for19.passed());
        int recorded = deployments.list("pre").size();
        server.admin().post("/api/v1/deployments", Map.of("model", "pre", "version", 1, "target", "files",
                "targetRelease", 19)).expectError(400, "no Oracle target release 19");
        assertEquals(recorded, deployments.list("pre").size(), "a refused deployment is not recorded");
    }
}
