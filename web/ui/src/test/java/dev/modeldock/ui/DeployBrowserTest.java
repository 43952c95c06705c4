package dev.modeldock.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.export.oracle.standin.StandInDatabase;
import dev.modeldock.export.oracle.standin.StandInSettings;
import dev.modeldock.testkit.onnx.SmallModels;
import dev.modeldock.ui.browser.Browser;
import dev.modeldock.ui.browser.UiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The deploy page in Chromium: a version picked by alias, the name checked as it is typed, the
 * preflight's checks, then the deployment followed live until the target's verification shows; to
 * the file target and to the Oracle stand-in.
 */
class DeployBrowserTest {
    private static final String ORACLE_PASSWORD = "Tiger-ui-deploy-never-shown";

    @RegisterExtension
    @Order(1)
    static final UiServer server = new UiServer();
    @RegisterExtension
    @Order(2)
    static final Browser browser = new Browser(server);
    static StandInDatabase oracle;
    static byte[] regressor = SmallModels.featureRegressor().toByteArray();

    @BeforeAll
    static void arrange() {
        oracle = StandInSettings.named("ui_deploy").account("SCOTT", ORACLE_PASSWORD).start();
        server.admin().post("/api/v1/targets", Map.of("name", "files", "plugin", "file",
                "settings", Map.of("output_dir", "deployments"))).expect(201);
        server.admin().post("/api/v1/targets", Map.of("name", "oracle-db", "plugin", "oracle",
                "settings", Map.of("url", oracle.url(), "user", "SCOTT", "password", ORACLE_PASSWORD))).expect(201);
        server.createModel("iris", "A feature regressor", List.of("tabular"));
        server.admin().upload("iris", regressor, SmallModels.FEATURE_REGRESSOR_METADATA);
        server.admin().put("/api/v1/models/iris/aliases/prod", Map.of("version", 1)).expect(200);
    }

    @AfterAll
    static void stop() {
        oracle.close();
    }

    @Test
    void deployingToTheFileTargetShowsThePreflightLiveProgressAndTheVerification() throws Exception {
        browser.signInAs("deployer");
        browser.open("/models/iris/deploy");
        new Select(browser.find(By.id("ref"))).selectByValue("prod");
        new Select(browser.find(By.id("target"))).selectByValue("files");
        browser.type(By.id("databaseModelName"), "iris_file");
        browser.waitForText(By.id("name-check"), "the target takes this name", Duration.ofSeconds(10));
        assertEquals("The one the version was filed for", new Select(browser.find(By.id("targetRelease")))
                .getFirstSelectedOption().getText());
        new Select(browser.find(By.id("targetRelease"))).selectByValue("26");
        browser.find(By.id("run-preflight")).click();
        browser.waitFor(By.id("preflight-checks"));
        String checks = browser.text(By.id("preflight-checks"));
        assertTrue(checks.contains("Version") && checks.contains("SHA-256") && checks.contains("nothing under that"
                + " name yet"), checks);
        assertTrue(checks.contains("is within the 2 GB Oracle Database 26ai imports"), checks);
        assertEquals("Preflight passed: the deployment can start.", browser.text(By.id("preflight-verdict")));
        browser.screenshots("deploy");

        browser.find(By.id("deploy")).click();
        browser.waitForText(By.id("deploy-status"), "deployed", Duration.ofSeconds(60));
        Path file = server.dataDir().resolve("targets").resolve("deployments").resolve("iris_file.onnx");
        assertTrue(browser.text(By.id("verification")).contains("iris_file.onnx"), browser.text(By.id("verification")));
        assertArrayEquals(regressor, Files.readAllBytes(file));
        assertTrue(browser.find(By.id("deploy-result")).getText().contains(file.toString()));
        browser.screenshots("deploy-done");
    }

    @Test
    void deployingToTheOracleStandInChecksTheNameAsOracleWouldAndShowsWhatTheDatabaseVerified() {
        browser.signInAs("deployer");
        browser.open("/models/iris/deploy");
        new Select(browser.find(By.id("target"))).selectByValue("oracle-db");
        browser.type(By.id("databaseModelName"), "select");
        browser.waitForText(By.id("name-check"), "reserved word", Duration.ofSeconds(10));
        browser.find(By.id("run-preflight")).click();
        browser.waitFor(By.id("preflight-verdict"));
        assertTrue(browser.text(By.id("preflight-verdict")).contains("problems"));
        browser.find(By.id("deploy")).click();
        assertTrue(browser.waitFor(By.id("deploy-error")).getText().contains("reserved"), "refused before it starts");
        assertEquals("select", browser.find(By.id("databaseModelName")).getAttribute("value"), "the form stays filled");
        assertEquals("oracle-db", new Select(browser.find(By.id("target"))).getFirstSelectedOption()
                .getAttribute("value"));

        browser.type(By.id("databaseModelName"), "iris_reg");
        browser.waitForText(By.id("name-check"), "the target takes this name", Duration.ofSeconds(10));
        browser.find(By.id("run-preflight")).click();
        browser.waitForText(By.id("preflight-verdict"), "Preflight passed", Duration.ofSeconds(20));
        assertTrue(browser.text(By.id("preflight-checks")).contains("IRIS_REG is not in ALL_MINING_MODELS"),
                "the preflight reached the database: " + browser.text(By.id("preflight-checks")));
        browser.find(By.id("deploy")).click();
        browser.waitForText(By.id("deploy-status"), "deployed", Duration.ofSeconds(60));
        String verification = browser.text(By.id("verification"));
        assertTrue(verification.contains("REGRESSION model with attributes"), verification);
        assertTrue(oracle.modelNames().contains("SCOTT.IRIS_REG"), oracle.modelNames().toString());
        assertFalse(browser.driver().getPageSource().contains(ORACLE_PASSWORD));
    }

    @Test
    void aViewerCannotOpenTheDeployPage() {
        browser.signInAs("viewer");
        browser.open("/models/iris/deploy");
        assertTrue(browser.find(By.tagName("main")).getText().contains("may not do this"));
        assertTrue(browser.findAll(By.id("deploy")).isEmpty());
    }
}
