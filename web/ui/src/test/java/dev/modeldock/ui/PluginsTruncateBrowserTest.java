package dev.modeldock.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.PluginApi;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.ui.browser.Browser;
import dev.modeldock.ui.browser.UiServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The example third-party plugin end to end from the browser: an admin uploads its zip, the
 * new-version form offers its post-processor with the parameter it declares, a version made with it
 * has the truncated width and names it in its provenance, and it can then be disabled but not removed.
 */
class PluginsTruncateBrowserTest {
    @RegisterExtension
    @Order(1)
    static final UiServer server = new UiServer();
    @RegisterExtension
    @Order(2)
    static final Browser browser = new Browser(server);

    final PluginPageDriver page = new PluginPageDriver(browser);

    @Test
    void anUploadedTruncatePluginMakesAVersionWithTheSmallerWidthThatNamesItInItsProvenance() {
        Path hubFolder = MiniLmHubFolder.create(server.sources().resolve("hub"));
        server.createModel("short", "MiniLM truncated to 128 values", List.of());
        browser.signInAs("admin");
        page.upload(PluginPageDriver.exampleZip());
        assertEquals("Plugin truncate 1.0.0 installed and started.", browser.text(By.id("plugins-message")));
        String card = page.card("truncate").getText();
        assertEquals("started", page.state("truncate"));
        assertTrue(card.contains("PostProcessor") && card.contains("Truncate") && card.contains("uploaded")
                && card.contains("by Example Corp") && card.contains(PluginApi.REQUIRES), card);
        browser.screenshots("plugins-admin");

        browser.open("/models/short/new");
        new Select(browser.find(By.id("start"))).selectByValue("preconfigured:" + MiniLmHubFolder.HUB_ID);
        browser.waitUpTo(Duration.ofSeconds(20)).until(driver -> !browser.findAll(By.cssSelector(
                "#start option[selected][value='preconfigured:" + MiniLmHubFolder.HUB_ID + "']")).isEmpty());
        browser.type(By.id("source"), hubFolder.toString());
        assertEquals("mean", browser.find(By.id("pp-0-type")).getAttribute("value"), "Pooling (mean)");
        browser.find(By.cssSelector("button[value='remove:1']")).click(); // Truncate re-normalises itself
        browser.waitUpTo(Duration.ofSeconds(10)).until(d -> browser.findAll(By.cssSelector(".step"))
                .size() == 1);
        assertTrue(new Select(browser.find(By.id("add"))).getOptions().stream()
                .anyMatch(o -> o.getAttribute("value").equals("Truncate")), "the form offers the plugin's step");
        new Select(browser.find(By.id("add"))).selectByValue("Truncate");
        browser.find(By.cssSelector("button[value=add]")).click();
        WebElement dimensions = browser.waitFor(By.id("pp-1-dimensions"));
        assertEquals("number", dimensions.getAttribute("type"), "an INTEGER parameter");
        assertTrue(browser.text(By.cssSelector("label[for='pp-1-dimensions']")).contains("(required)"));
        browser.type(By.id("pp-1-dimensions"), "128");
        browser.waitFor(By.id("conversion-ok"));
        browser.screenshots("new-version-truncate");

        browser.find(By.id("convert")).click();
        // The job page gives way to the version page when the job ends: an element may go stale in between.
        browser.waitUpTo(Duration.ofMinutes(4))
                .ignoring(StaleElementReferenceException.class).until(driver -> driver.getCurrentUrl().endsWith("/models/short/versions/1")
                        || browser.findAll(By.id("job-failed")).stream().anyMatch(WebElement::isDisplayed));
        assertTrue(browser.driver().getCurrentUrl().endsWith("/models/short/versions/1"),
                () -> "the job failed: " + browser.text(By.tagName("main")));
        assertTrue(browser.text(By.tagName("main")).contains("Vectors have 128 values."),
                browser.text(By.tagName("main")));
        assertProvenanceNamesTruncate();
        browser.screenshots("version-truncate");

        browser.open("/plugins");
        page.press("truncate", "remove");
        assertEquals(409, page.status());
        String refusal = browser.text(By.id("plugins-error"));
        assertTrue(refusal.contains("short version 1") && refusal.contains("disable it instead"), refusal);
        assertEquals("started", page.state("truncate"), "still there");
        page.press("truncate", "disable");
        assertEquals("disabled", page.state("truncate"));
        browser.open("/models/short/versions/1");
        assertProvenanceNamesTruncate();
    }

    private static void assertProvenanceNamesTruncate() {
        List<String> rows = browser.findAll(By.cssSelector("#lineage-plugins tbody tr")).stream()
                .map(WebElement::getText).toList();
        assertTrue(rows.stream().anyMatch(r -> r.matches(".*Truncate.*truncate.*1\\.0\\.0")), rows.toString());
    }
}
