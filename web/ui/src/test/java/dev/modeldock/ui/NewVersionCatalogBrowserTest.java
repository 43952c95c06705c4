package dev.modeldock.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.registry.JobQuery;
import dev.modeldock.ui.browser.Browser;
import dev.modeldock.ui.browser.UiServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The conversion form offers the preconfigured catalog by hub id, says what a chosen model's
 * preconfiguration sets (and what of it is unverified), and keeps the hub revision typed.
 */
class NewVersionCatalogBrowserTest {
    @RegisterExtension
    @Order(1)
    static final UiServer server = new UiServer();
    @RegisterExtension
    @Order(2)
    static final Browser browser = new Browser(server);

    static final String MINILM = "sentence-transformers/all-MiniLM-L6-v2";

    @Test
    void theSourceOffersEveryPreconfiguredModelOfTheCatalog() {
        server.createModel("offered", "", List.of());
        browser.signInAs("editor");
        browser.open("/models/offered/new");
        List<String> offered = browser.findAll(By.cssSelector("#catalog-models option")).stream()
                .map(option -> option.getAttribute("value")).toList();
        assertEquals(new ArrayList<>(catalog().keySet()), offered);
        assertTrue(offered.size() >= 27, "OML4Py 2.1's text models a built-in tokenizer takes: " + offered);
        assertTrue(offered.contains(MINILM), offered.toString());
        assertEquals("catalog-models", browser.find(By.id("source")).getAttribute("list"));
        assertTrue(browser.findAll(By.cssSelector("#presets .preset")).stream().noneMatch(WebElement::isDisplayed),
                "a template start with no source shows no model's summary");
    }

    @Test
    void choosingMiniLmAsTheSourceLoadsItsPropertiesAndSaysWhatItsPreconfigurationSets() {
        server.createModel("chosen", "", List.of());
        browser.signInAs("editor");
        browser.open("/models/chosen/new");
        browser.type(By.id("source"), MINILM);
        awaitStart("preconfigured:" + MINILM);
        assertEquals(MINILM, browser.find(By.id("source")).getAttribute("value"));
        assertEquals("256", browser.find(By.id("max_seq_length")).getAttribute("value"), "its properties loaded");

        WebElement summary = shownPreset();
        assertEquals(MINILM, summary.getAttribute("data-model"));
        assertEquals(Map.of("max_seq_length", "256", "pooling", "mean", "normalize", "yes", "dense", "none",
                "lower-casing", "yes"), facts(summary));
        assertTrue(summary.getText().contains("Every value is taken from a named source."), summary.getText());
        browser.type(By.id("revision"), "main");
        browser.screenshots("new-version-catalog");

        browser.type(By.id("source"), "sentence-transformers/all-MiniLM-L12-v2");
        awaitStart("preconfigured:sentence-transformers/all-MiniLM-L12-v2");
        summary = shownPreset();
        assertEquals("128", facts(summary).get("max_seq_length"));
        assertTrue(summary.findElement(By.className("preset-unverified")).getText().contains("max_seq_length"),
                summary.getText());
        assertEquals("main", browser.find(By.id("revision")).getAttribute("value"), "the reload keeps the revision");
    }

    @Test
    void aPreconfiguredStartChosenWithoutScriptsFillsTheSourceAndShowsItsSummary() {
        server.createModel("started", "", List.of());
        browser.signInAs("editor");
        browser.open("/models/started/new");
        new Select(browser.find(By.id("start"))).selectByValue("preconfigured:sentence-transformers/"
                + "distiluse-base-multilingual-cased-v2");
        awaitStart("preconfigured:sentence-transformers/distiluse-base-multilingual-cased-v2");
        assertEquals("sentence-transformers/distiluse-base-multilingual-cased-v2",
                browser.find(By.id("source")).getAttribute("value"));
        Map<String, String> facts = facts(shownPreset());
        assertEquals("768 → 512, Tanh", facts.get("dense"));
        assertEquals("no", facts.get("lower-casing"));
        assertEquals("no", facts.get("normalize"));
    }

    @Test
    void aRefusedConversionKeepsTheRevisionTypedAndStartsNoJob() {
        server.createModel("kept", "", List.of());
        browser.signInAs("editor");
        browser.open("/models/kept/new");
        browser.type(By.id("source"), MINILM);
        awaitStart("preconfigured:" + MINILM);
        String missing = server.sources().resolve("no-such-model").toString();
        browser.type(By.id("source"), missing);
        browser.type(By.id("revision"), "v1.0");
        browser.find(By.id("convert")).click();
        browser.waitFor(By.id("conversion-error"));
        assertEquals(missing, browser.find(By.id("source")).getAttribute("value"));
        assertEquals("v1.0", browser.find(By.id("revision")).getAttribute("value"));
        assertEquals(MINILM, shownPreset().getAttribute("data-model"), "the start's summary, for a folder source");
        assertEquals(0, server.server().services().jobs().list(new JobQuery(null, null, "kept", 0, 10)).total());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> catalog() {
        return (Map<String, Object>) server.server().services().catalog().preconfigured();
    }

    private static WebElement shownPreset() {
        List<WebElement> shown = browser.findAll(By.cssSelector("#presets .preset")).stream()
                .filter(WebElement::isDisplayed).toList();
        assertEquals(1, shown.size(), "one model's summary");
        return shown.get(0);
    }

    private static Map<String, String> facts(WebElement summary) {
        List<WebElement> terms = summary.findElements(By.cssSelector("dt"));
        List<WebElement> values = summary.findElements(By.cssSelector("dd"));
        Map<String, String> facts = new java.util.LinkedHashMap<>();
        for (int i = 0; i < terms.size(); i++) {
            if (!terms.get(i).getText().equals("pinned commit")) {
                facts.put(terms.get(i).getText(), values.get(i).getText());
            }
        }
        return facts;
    }

    /** Waits until the form has reloaded starting from {@code start}. */
    private static void awaitStart(String start) {
        browser.waitUpTo(Duration.ofSeconds(20)).until(driver -> !browser.findAll(
                By.cssSelector("#start option[selected][value='" + start + "']")).isEmpty());
    }
}
