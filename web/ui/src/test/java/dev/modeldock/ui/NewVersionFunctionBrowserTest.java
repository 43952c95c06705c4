package dev.modeldock.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.registry.JobQuery;
import dev.modeldock.service.Json;
import dev.modeldock.testkit.CrossEncoderHubFolder;
import dev.modeldock.testkit.onnx.SmallModels;
import dev.modeldock.ui.browser.Browser;
import dev.modeldock.ui.browser.UiServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

/**
 * The new-version form's function: a cross-encoder converted as a reranker (regression) from the
 * form, chosen by keyboard, its post-processors set aside, the choice kept when the server refuses the
 * form, and the version page naming the function.
 */
class NewVersionFunctionBrowserTest {
    @RegisterExtension
    @Order(1)
    static final UiServer server = new UiServer();
    @RegisterExtension
    @Order(2)
    static final Browser browser = new Browser(server);

    static Path crossEncoder;

    @BeforeAll
    static void placeTheCrossEncoderInTheSourceRoot() {
        crossEncoder = CrossEncoderHubFolder.create(server.sources().resolve("hub"));
    }

    @Test
    void aCrossEncoderConvertedAsRegressionFromTheFormIsAVersionNamingItsFunction() {
        server.createModel("reranker", "scores passages", List.of());
        browser.signInAs("editor");
        browser.open("/models/reranker/new");
        Select function = new Select(browser.find(By.id("function")));
        assertEquals("embedding", function.getFirstSelectedOption().getAttribute("value"), "the default");
        assertEquals(List.of("embedding", "regression"), function.getOptions().stream().limit(2)
                .map(o -> o.getAttribute("value")).toList());
        assertEquals("Function", browser.text(By.cssSelector("label[for=function]")));
        assertTrue(browser.find(By.id("post-processors")).isDisplayed());

        browser.find(By.id("function")).sendKeys("r", Keys.TAB); // the keyboard's type-ahead picks Regression
        assertEquals("regression", function.getFirstSelectedOption().getAttribute("value"));
        browser.waitUpTo(Duration.ofSeconds(5)).until(d -> !browser.find(By.id("post-processors"))
                .isDisplayed());
        assertTrue(browser.find(By.id("no-post-processors")).isDisplayed());

        browser.type(By.id("source"), "/etc");
        browser.type(By.id("max_seq_length"), "64");
        browser.find(By.id("convert")).click();
        assertTrue(browser.waitFor(By.id("conversion-error")).getText().contains("outside the folders"),
                browser.text(By.id("conversion-error")));
        assertEquals("regression", new Select(browser.find(By.id("function"))).getFirstSelectedOption()
                .getAttribute("value"), "the choice is kept when the form comes back with the error");
        assertFalse(browser.find(By.id("post-processors")).isDisplayed(), "and its post-processors set aside");

        browser.type(By.id("source"), crossEncoder.toString());
        browser.waitFor(By.id("conversion-ok"));
        Select release = new Select(browser.find(By.id("conversion-release")));
        assertEquals("23", release.getFirstSelectedOption().getAttribute("value"), "23ai, as the API's default");
        assertEquals("26ai (files up to 2 GB)", release.getOptions().get(1).getText());
        release.selectByValue("26");
        browser.screenshots("new-version-function");
        browser.find(By.id("convert")).click();
        browser.waitUpTo(Duration.ofMinutes(3)).until(driver ->
                driver.getCurrentUrl().endsWith("/models/reranker/versions/1") || failed());
        assertFalse(failed(), () -> browser.text(By.id("job-error")));
        assertEquals("regression (reranker)", browser.waitFor(By.id("version-function")).getText());
        assertTrue(browser.text(By.id("parity-verdict")).equals("passed") && browser.text(By.id("parity"))
                .contains("—"), "a score is checked by its difference from the reference, not by a cosine");
        assertTrue(browser.find(By.cssSelector("#scripts thead")).getText().contains("Max abs difference"));
        browser.screenshots("version-function");

        String job = server.server().services().jobs().list(new JobQuery(null, null, "reranker", 0, 1)).items()
                .get(0).id();
        browser.open("/models/reranker/new?from-job=" + job);
        assertEquals("regression", new Select(browser.find(By.id("function"))).getFirstSelectedOption()
                .getAttribute("value"), "trying a job again keeps its function");
        assertEquals("26", new Select(browser.find(By.id("conversion-release"))).getFirstSelectedOption()
                .getAttribute("value"), "and its release");
        assertEquals(26, Json.tree(server.server().services().versions().get("reranker", "1").validation())
                .path("targetRelease").asInt(), "the version records the release it was converted for");
        assertFalse(browser.find(By.id("post-processors")).isDisplayed());
    }

    @Test
    void aPreconfiguredRerankerAsTheStartChoosesRegression() {
        server.createModel("bge", "", List.of());
        browser.signInAs("editor");
        browser.open("/models/bge/new");
        new Select(browser.find(By.id("start"))).selectByValue("preconfigured:BAAI/bge-reranker-base");
        browser.waitUpTo(Duration.ofSeconds(20)).until(driver -> !browser.findAll(
                By.cssSelector("#function option[selected][value=regression]")).isEmpty());
        assertFalse(browser.find(By.id("post-processors")).isDisplayed());
        assertEquals("BAAI/bge-reranker-base", browser.find(By.id("source")).getAttribute("value"));
    }

    /** Whether the job page shows the job failed (its alert is there, hidden, until then). */
    private static boolean failed() {
        return Boolean.TRUE.equals(browser.script("var f = document.getElementById('job-failed');"
                + " return f !== null && !f.hidden"));
    }

    @Test
    void anUploadNamesItsFunctionPlainlyAndAnEmbeddingIsTakenForGranted() {
        server.createModel("uploaded", "", List.of());
        int regressor = server.admin().upload("uploaded", SmallModels.featureRegressor().toByteArray(),
                SmallModels.FEATURE_REGRESSOR_METADATA).path("number").asInt();
        int embedder = server.admin().upload("uploaded", SmallModels.embedder("embedding").toByteArray(),
                "{\"function\": \"embedding\", \"embeddingOutput\": \"embedding\", \"input\": {\"input\": [\"DATA\"]}}")
                .path("number").asInt();
        browser.signInAs("viewer");
        browser.open("/models/uploaded/versions/" + regressor);
        assertEquals("regression", browser.waitFor(By.id("version-function")).getText(), "any regression model's");
        browser.open("/models/uploaded/versions/" + embedder);
        browser.waitFor(By.id("sha256"));
        assertTrue(browser.findAll(By.id("version-function")).isEmpty(), "an embedding is taken for granted");
    }
}
