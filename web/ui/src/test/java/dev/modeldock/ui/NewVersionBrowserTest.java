package dev.modeldock.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.registry.JobQuery;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.ui.browser.Browser;
import dev.modeldock.ui.browser.UiServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The new-version page's conversion form and the job page: a real MiniLM converted from the form
 * with live progress, the API's messages as the user types, and failures that keep the form.
 */
class NewVersionBrowserTest {
    @RegisterExtension
    @Order(1)
    static final UiServer server = new UiServer();
    @RegisterExtension
    @Order(2)
    static final Browser browser = new Browser(server);

    static final String MINILM = "preconfigured:" + MiniLmHubFolder.HUB_ID;
    static Path hubFolder;

    @BeforeAll
    static void placeMiniLmInTheSourceRoot() {
        hubFolder = MiniLmHubFolder.create(server.sources().resolve("hub"));
    }

    @Test
    void aModelAndItsVersionAreMadeFromTheFormWithLiveProgressToCompletion() {
        server.createModel("x", "made in the browser", List.of());
        browser.signInAs("editor");
        browser.open("/models/x/new");
        startFrom(MINILM);
        assertEquals("256", browser.find(By.id("max_seq_length")).getAttribute("value"), "the preconfigured values");
        assertEquals(2, browser.findAll(By.cssSelector(".step")).size(), "Pooling and Normalize");
        browser.type(By.id("source"), hubFolder.toString());
        browser.waitFor(By.id("conversion-ok"));
        browser.screenshots("new-version");

        browser.find(By.id("convert")).click();
        browser.waitFor(By.id("job-progress"));
        assertTrue(browser.driver().getCurrentUrl().matches(".*/jobs/[^/]+$"), browser.driver().getCurrentUrl());
        List<Double> seen = new ArrayList<>();
        boolean[] pictured = {false};
        browser.waitUpTo(Duration.ofMinutes(4)).until(driver -> {
            if (driver.getCurrentUrl().endsWith("/models/x/versions/1")) {
                return true;
            }
            Object value = browser.script("var p = document.getElementById('job-progress');"
                    + " return p ? p.value : null");
            if (value instanceof Number number && (seen.isEmpty() || seen.get(seen.size() - 1) != number.doubleValue())) {
                seen.add(number.doubleValue());
                if (!pictured[0] && number.doubleValue() > 0.05 && number.doubleValue() < 0.8) {
                    pictured[0] = true;
                    browser.screenshots("job");
                }
            }
            return false;
        });
        assertTrue(seen.stream().distinct().count() >= 3, "progress seen changing: " + seen);
        assertTrue(seen.stream().anyMatch(p -> p > 0 && p < 1), "progress seen mid-way: " + seen);
        assertEquals(1, server.server().services().versions().list("x").size());
    }

    @Test
    void aBadValueShowsTheApisMessageAsTheUserTypes() {
        server.createModel("typed", "", List.of());
        String apiMessage = server.admin().post("/api/v1/models/typed/versions", Map.of("source", hubFolder.toString(),
                "template", "text", "config", Map.of("max_seq_length", 2))).expectError(400).path("error").asText();
        browser.signInAs("editor");
        browser.open("/models/typed/new");
        browser.type(By.id("source"), hubFolder.toString());
        browser.type(By.id("max_seq_length"), "2");
        browser.waitForText(By.id("conversion-error"), apiMessage, Duration.ofSeconds(20));
        assertEquals(apiMessage, browser.text(By.id("conversion-error")));

        browser.type(By.id("max_seq_length"), "128");
        browser.waitFor(By.id("conversion-ok"));
        assertTrue(browser.findAll(By.id("conversion-error")).isEmpty());
    }

    @Test
    void aConversionTheServerRefusesToStartKeepsTheFormFilledIn() {
        server.createModel("refused", "", List.of());
        browser.signInAs("editor");
        browser.open("/models/refused/new");
        startFrom(MINILM);
        browser.type(By.id("source"), "/etc");
        browser.type(By.id("languages"), "us, d");
        browser.find(By.id("convert")).click();
        assertTrue(browser.waitFor(By.id("conversion-error")).getText().contains("outside the folders this server"
                + " converts from"), browser.text(By.id("conversion-error")));
        assertEquals("/etc", browser.find(By.id("source")).getAttribute("value"));
        assertEquals("us, d", browser.find(By.id("languages")).getAttribute("value"));
        assertEquals(MINILM, new Select(browser.find(By.id("start"))).getFirstSelectedOption().getAttribute("value"));
        assertEquals(0, server.server().services().jobs().list(new JobQuery(null, null, "refused", 0, 10)).total(),
                "no job was started");
    }

    @Test
    void aFailedJobShowsWhyAndLeadsBackToItsFormFilledIn() {
        server.createModel("failing", "", List.of());
        browser.signInAs("editor");
        browser.open("/models/failing/new");
        startFrom(MINILM);
        browser.type(By.id("source"), hubFolder.toString());
        new Select(browser.find(By.id("add"))).selectByValue("Dense");
        browser.find(By.cssSelector("button[value=add]")).click();
        browser.waitFor(By.id("pp-2-in_features"));
        browser.type(By.id("pp-2-in_features"), "384");
        browser.type(By.id("pp-2-out_features"), "16");
        browser.find(By.cssSelector("button[value='up:2']")).click(); // Dense before Normalize
        browser.waitForText(By.cssSelector(".step:nth-child(2) .step-head strong"), "Dense", Duration.ofSeconds(10));
        assertEquals("384", browser.find(By.id("pp-1-in_features")).getAttribute("value"), "moving keeps the values");
        browser.find(By.id("convert")).click();

        browser.waitFor(By.id("job-failed"));
        assertFalse(browser.text(By.id("job-error")).isBlank());
        browser.screenshots("job-failed");
        browser.find(By.id("job-retry")).click();
        browser.waitFor(By.id("conversion"));
        assertEquals(hubFolder.toString(), browser.find(By.id("source")).getAttribute("value"));
        assertEquals(List.of("Pooling", "Dense", "Normalize"), browser.findAll(By.cssSelector(".step-head strong"))
                .stream().map(e -> e.getText().replaceFirst("^\\d+\\. ", "")).toList());
        assertEquals("384", browser.find(By.id("pp-1-in_features")).getAttribute("value"));
        assertEquals("16", browser.find(By.id("pp-1-out_features")).getAttribute("value"));
        assertEquals(MINILM, new Select(browser.find(By.id("start"))).getFirstSelectedOption().getAttribute("value"));
    }

    @Test
    void aViewerIsRefusedTheFormAndItsPosts() {
        server.createModel("look", "", List.of());
        browser.signInAs("viewer");
        browser.open("/models/look/new");
        assertTrue(browser.text(By.tagName("main")).contains("Your role (viewer) may not do this"),
                browser.text(By.tagName("main")));
        assertTrue(browser.findAll(By.id("conversion")).isEmpty() && browser.findAll(By.id("upload")).isEmpty());
        browser.script("var f = document.createElement('form'); f.method = 'post'; f.action = '/models/look/new';"
                + " var c = document.createElement('input'); c.name = '_csrf';"
                + " c.value = document.querySelector('meta[name=csrf-token]').content; f.appendChild(c);"
                + " var s = document.createElement('input'); s.name = 'source'; s.value = arguments[0]; f.appendChild(s);"
                + " document.body.appendChild(f); f.submit();", hubFolder.toString());
        browser.waitForText(By.tagName("main"), "may not do this", Duration.ofSeconds(10));
        assertEquals(0, server.server().services().jobs().list(new JobQuery(null, null, "look", 0, 10)).total(),
                "a viewer's post started nothing");
    }

    /** Chooses what the properties start from; the form reloads with them. */
    private static void startFrom(String start) {
        new Select(browser.find(By.id("start"))).selectByValue(start);
        browser.waitUpTo(Duration.ofSeconds(20)).until(driver -> !browser.findAll(
                By.cssSelector("#start option[selected][value='" + start + "']")).isEmpty());
    }
}
