package dev.modeldock.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.testkit.onnx.SmallModels;
import dev.modeldock.ui.browser.Browser;
import dev.modeldock.ui.browser.UiServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The deployments page in Chromium: history, a drift check that finds a changed file, retire; viewers only read. */
class DeploymentsBrowserTest {
    @RegisterExtension
    @Order(1)
    static final UiServer server = new UiServer();
    @RegisterExtension
    @Order(2)
    static final Browser browser = new Browser(server);
    static Path outputDir;

    @BeforeAll
    static void arrange() {
        server.admin().post("/api/v1/targets", Map.of("name", "files", "plugin", "file",
                "settings", Map.of("output_dir", "deployments"))).expect(201);
        outputDir = server.dataDir().resolve("targets").resolve("deployments");
        for (String model : List.of("drifting", "retiring", "watched")) {
            server.createModel(model, "", List.of());
            server.admin().upload(model, SmallModels.featureRegressor().toByteArray(),
                    SmallModels.FEATURE_REGRESSOR_METADATA);
        }
    }

    /** Deploys version 1 of {@code model} through the API and returns the deployment's id once it is done. */
    private static long deployed(String model) {
        JsonNode accepted = server.admin().post("/api/v1/deployments", Map.of("model", model, "version", 1,
                "target", "files", "databaseModelName", model)).expect(202).json();
        assertEquals("succeeded", server.admin().awaitJob(accepted.path("id").asText()).path("state").asText());
        return accepted.path("deployment").path("id").asLong();
    }

    @Test
    void aDriftCheckAfterTheDeployedFileWasChangedShowsDriftAndWhen() throws Exception {
        long id = deployed("drifting");
        browser.signInAs("deployer");
        browser.open("/deployments?model=drifting");
        By row = By.id("deployment-" + id);
        assertEquals("never checked", browser.find(row).findElement(By.cssSelector(".drift")).getText());
        browser.find(row).findElement(By.cssSelector("button.check-drift")).click();
        assertTrue(browser.waitFor(By.id("deployments-notice")).getText().contains("no drift"));
        assertEquals("no drift", browser.find(row).findElement(By.cssSelector(".drift-result")).getText());

        Files.write(outputDir.resolve("drifting.onnx"), SmallModels.irisClassifier().toByteArray()); // changed by hand
        WebElement noDriftPage = browser.currentPage(); // it has a notice too
        browser.find(row).findElement(By.cssSelector("button.check-drift")).click();
        browser.waitUntilReplaced(noDriftPage);
        assertTrue(browser.waitFor(By.id("deployments-notice")).getText().contains("drift found"));
        assertEquals("drift", browser.find(row).findElement(By.cssSelector(".drift-result")).getText());
        assertEquals("drifted", browser.find(row).findElement(By.cssSelector(".status")).getText());
        assertTrue(browser.find(row).findElement(By.cssSelector(".drift-detail"))
                .getAttribute("textContent").contains("not the deployed"));
        assertTrue(browser.find(row).findElement(By.tagName("time")).getText().endsWith("UTC"), "the check's time");
        browser.screenshots("deployments");
    }

    @Test
    void aDeployerRetiresADeploymentAfterConfirming() {
        long id = deployed("retiring");
        browser.signInAs("deployer");
        browser.open("/deployments");
        By row = By.id("deployment-" + id);
        browser.find(row).findElement(By.cssSelector("button.retire")).click();
        browser.driver().switchTo().alert().dismiss();
        assertEquals("deployed", browser.find(row).findElement(By.cssSelector(".status")).getText(), "not confirmed");
        browser.find(row).findElement(By.cssSelector("button.retire")).click();
        browser.driver().switchTo().alert().accept();
        assertTrue(browser.waitFor(By.id("deployments-notice")).getText().contains("retired"));
        assertEquals("retired", browser.find(row).findElement(By.cssSelector(".status")).getText());
        assertTrue(browser.find(row).findElements(By.cssSelector("button.retire")).isEmpty());
    }

    @Test
    void aViewerSeesTheHistoryWithoutDriftCheckOrRetire() throws Exception {
        long id = deployed("watched");
        browser.signInAs("viewer");
        browser.open("/deployments");
        assertTrue(browser.find(By.id("deployment-" + id)).getText().contains("watched"));
        assertTrue(browser.findAll(By.cssSelector("form[action$='/check'], form[action$='/retire']")).isEmpty());
        assertTrue(browser.findAll(By.linkText("Targets")).isEmpty(), "no Targets page in the viewer's navigation");

        // A forged post from the viewer's own session, with its valid CSRF token, is refused by role.
        String cookie = browser.driver().manage().getCookieNamed("modeldock_session").getValue();
        String csrf = browser.find(By.cssSelector("meta[name=csrf-token]")).getAttribute("content");
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                server.baseUrl() + "/deployments/" + id + "/retire")).header("Cookie", "modeldock_session=" + cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, answer.statusCode());
        assertEquals("deployed", server.server().services().deployments().get(id).status());
    }
}
