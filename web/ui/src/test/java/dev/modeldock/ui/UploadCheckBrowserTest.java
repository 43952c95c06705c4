package dev.modeldock.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.testkit.onnx.SmallModels;
import dev.modeldock.ui.browser.Browser;
import dev.modeldock.ui.browser.UiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The new-version page's upload: the metadata checker's findings first, then the model stored. */
class UploadCheckBrowserTest {
    @RegisterExtension
    @Order(1)
    static final UiServer server = new UiServer();
    @RegisterExtension
    @Order(2)
    static final Browser browser = new Browser(server);

    @TempDir
    static Path files;

    /** Classification metadata naming an output and features the model does not have. */
    static final String REFUSED_METADATA = "{\"function\": \"classification\", \"classificationProbOutput\":"
            + " \"probs\", \"labels\": [\"a\", \"b\"], \"input\": {\"features\": [\"A\", \"B\"]}}";

    @Test
    void anUploadOracleWouldRefuseShowsEachProblemBeforeAnythingIsStored() throws IOException {
        server.createModel("up", "", List.of());
        Path onnx = Files.write(files.resolve("iris.onnx"), SmallModels.irisClassifier().toByteArray());
        browser.signInAs("editor");
        browser.open("/models/up/new");
        browser.find(By.id("file")).sendKeys(onnx.toString());
        browser.type(By.id("metadata"), REFUSED_METADATA);
        browser.find(By.id("check-upload")).click();
        browser.waitFor(By.cssSelector("#upload-findings.refused"));
        List<String> problems = problems();
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("ORA-54413 classificationProbOutput")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("ORA-54420 input.features")), problems.toString());
        assertEquals(0, server.server().services().versions().list("up").size(), "the check stored nothing");
        browser.screenshots("upload-check");

        browser.find(By.id("store-upload")).click();
        browser.waitFor(By.cssSelector("#upload-findings.refused"));
        assertTrue(problems().stream().anyMatch(p -> p.startsWith("ORA-54413")), problems().toString());
        assertEquals(REFUSED_METADATA, browser.find(By.id("metadata")).getAttribute("value"), "kept filled in");
        assertEquals(0, server.server().services().versions().list("up").size(), "a refused store stores nothing");
    }

    @Test
    void anUploadThatPassesItsCheckIsStoredAsTheNextVersion() throws IOException {
        server.createModel("up-ok", "", List.of());
        Path onnx = Files.write(files.resolve("regressor.onnx"), SmallModels.featureRegressor().toByteArray());
        browser.signInAs("editor");
        browser.open("/models/up-ok/new");
        browser.find(By.id("file")).sendKeys(onnx.toString());
        browser.type(By.id("metadata"), SmallModels.FEATURE_REGRESSOR_METADATA);
        browser.find(By.id("check-upload")).click();
        browser.waitFor(By.cssSelector("#upload-findings.accepted"));
        assertEquals(0, server.server().services().versions().list("up-ok").size(), "checked, not stored");

        browser.find(By.id("store-upload")).click();
        browser.waitUpTo(Duration.ofSeconds(60))
                .until(driver -> driver.getCurrentUrl().endsWith("/models/up-ok/versions/1"));
        assertEquals(1, server.server().services().versions().list("up-ok").size());
    }

    private static List<String> problems() {
        return browser.findAll(By.cssSelector("#upload-findings .problem")).stream()
                .map(p -> p.findElement(By.cssSelector(".badge")).getText() + " "
                        + p.findElement(By.cssSelector(".field-name")).getText()).toList();
    }
}
