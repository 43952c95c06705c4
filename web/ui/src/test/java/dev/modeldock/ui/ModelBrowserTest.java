package dev.modeldock.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.registry.Version;
import dev.modeldock.ui.browser.Browser;
import dev.modeldock.ui.browser.UiServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** A model's page: its versions with their figures, the chart, and editors' description, tag and alias forms. */
class ModelBrowserTest {
    @RegisterExtension
    @Order(1)
    static final UiServer server = new UiServer();
    @RegisterExtension
    @Order(2)
    static final Browser browser = new Browser(server);

    private static Version fourth;

    /** e5-base with five versions over which the figures move, aliases moved twice, and two deployments. */
    @BeforeAll
    static void aModelWithAHistory() {
        ModelFixtures fixtures = new ModelFixtures(server);
        server.createModel("e5-base", "Multilingual E5 text embeddings.\nBase size.", List.of("multilingual"));
        fixtures.converted("e5-base", 1_300_000, 0.999991, 5, "editor");
        fixtures.converted("e5-base", 1_200_000, 0.999994, 6, "editor");
        fixtures.converted("e5-base", 1_250_000, 0.999993, 6, "admin");
        fourth = fixtures.converted("e5-base", 1_150_000, 0.999997, 7, "editor");
        fixtures.upload("e5-base");
        server.admin().put("/api/v1/models/e5-base/aliases/production", Map.of("version", 2)).expect(200);
        server.admin().put("/api/v1/models/e5-base/aliases/production", Map.of("version", 4)).expect(200);
        server.admin().put("/api/v1/models/e5-base/aliases/candidate", Map.of("version", 5)).expect(200);
        fixtures.deployed("e5-base", 4, "prod-db", "E5_BASE");
        fixtures.deployed("e5-base", 2, "test-db", "E5_OLD");
        server.createModel("aliases-model", "", List.of());
        fixtures.converted("aliases-model", 2_000, 0.99999, 8, "editor");
        fixtures.converted("aliases-model", 2_100, 0.99999, 8, "editor");
    }

    @Test
    void theVersionsTableShowsEachVersionsFiguresAliasesAndDeploymentsAndTheChartDrawsThem() {
        browser.signInAs("viewer");
        browser.open("/models/e5-base");
        assertEquals("Multilingual E5 text embeddings.\nBase size.", browser.text(By.id("model-description")));
        List<WebElement> rows = browser.findAll(By.cssSelector("#versions tbody tr"));
        assertEquals(List.of("5", "4", "3", "2", "1"), rows.stream().map(r -> r.getAttribute("data-version")).toList(),
                "newest first");
        String v4 = row(4).getText();
        assertTrue(v4.contains("1.15 MB") && v4.contains("0.999997") && v4.contains("passed"), v4);
        assertTrue(v4.contains("production") && v4.contains("prod-db: E5_BASE"), v4);
        assertTrue(v4.contains(fourth.artifactSha256().substring(0, 12)) && v4.contains("sentence-transformers/e5-base"),
                v4);
        assertEquals(fourth.artifactSha256(), row(4).findElement(By.cssSelector("button[data-copy]"))
                .getAttribute("data-copy"), "the copy button holds the whole SHA-256");
        String v5 = row(5).getText();
        assertTrue(v5.contains("not measured") && v5.contains("candidate") && v5.contains("uploaded: file.onnx"), v5);
        assertEquals("/models/e5-base/versions/4", java.net.URI.create(row(4).findElement(By.linkText("v4"))
                .getAttribute("href")).getPath());
        assertEquals("/models/e5-base/compare?a=4&b=5", relative(browser.find(By.id("compare-link"))));

        for (String chart : List.of("chart-size", "chart-cosine", "chart-agreement")) {
            browser.waitFor(By.cssSelector("#" + chart + "[data-drawn=true]"));
        }
        assertEquals(0, browser.findAll(By.id("chart-throughput")).size(), "no version measured embeddings/s");
        assertEquals(5L, browser.script("return document.getElementById('chart-cosine').chart.data.labels.length"));
        assertEquals(0.999997, ((Number) browser.script(
                "return document.getElementById('chart-cosine').chart.data.datasets[0].data[3]")).doubleValue());

        List<WebElement> history = browser.findAll(By.cssSelector("#alias-history tbody tr"));
        assertEquals(3, history.size());
        assertTrue(history.get(1).getText().contains("production") && history.get(1).getText().contains("v2")
                && history.get(1).getText().contains("v4"), "newest first: " + history.get(1).getText());
        browser.screenshots("model");
    }

    @Test
    void linksAndFormsFollowTheViewersRole() {
        browser.signInAs("viewer");
        browser.open("/models/e5-base");
        assertEquals(List.of(), writeControls(), "a viewer reads");
        browser.signInAs("editor");
        browser.open("/models/e5-base");
        assertEquals(List.of("new-version-link", "details-form", "remove", "alias-form"), writeControls(),
                "an editor changes the model and makes versions, but does not deploy");
        assertEquals("/models/e5-base/new", relative(browser.find(By.id("new-version-link"))));
        browser.signInAs("deployer"); // a deployer is an editor who also deploys
        browser.open("/models/e5-base");
        assertEquals(List.of("new-version-link", "deploy-link", "details-form", "remove", "alias-form"),
                writeControls());
        assertEquals("/models/e5-base/deploy", relative(browser.find(By.id("deploy-link"))));
        browser.find(By.cssSelector(".edit-details summary")).click();
        browser.screenshots("model-editor");
    }

    @Test
    void anEditorChangesTheDescriptionAndTagsAndABadTagKeepsWhatWasTyped() {
        browser.signInAs("editor");
        browser.open("/models/e5-base");
        browser.find(By.cssSelector(".edit-details summary")).click();
        browser.type(By.id("description"), "Changed from the page");
        browser.type(By.id("tags"), "multilingual, bad tag!");
        browser.find(By.cssSelector("#details-form button[type=submit]")).click();
        String error = browser.waitFor(By.id("details-error")).getText();
        assertTrue(error.contains("tag!"), error);
        assertEquals("Changed from the page", browser.find(By.id("description")).getAttribute("value"));
        assertEquals("Multilingual E5 text embeddings.\nBase size.", server.admin().get("/api/v1/models/e5-base")
                .expect(200).json().path("description").asText(), "nothing changed");

        browser.type(By.id("tags"), "multilingual, base");
        browser.find(By.cssSelector("#details-form button[type=submit]")).click();
        browser.waitForText(By.id("model-tags"), "base", java.time.Duration.ofSeconds(10));
        assertEquals("Changed from the page", browser.text(By.id("model-description")));
        assertTrue(browser.driver().getCurrentUrl().endsWith("/models/e5-base"), "back on the page (303)");
        server.admin().patch("/api/v1/models/e5-base", Map.of("description",
                "Multilingual E5 text embeddings.\nBase size.", "tags", List.of("multilingual"))).expect(200);
    }

    @Test
    void anEditorSetsMovesAndRemovesAnAliasAndEveryMoveIsListed() {
        browser.signInAs("editor");
        browser.open("/models/aliases-model");
        browser.type(By.id("alias-name"), "staging");
        new Select(browser.find(By.id("alias-version"))).selectByValue("1");
        browser.find(By.cssSelector("#alias-form button[type=submit]")).click();
        browser.waitFor(By.id("aliases"));
        assertTrue(browser.text(By.id("aliases")).contains("staging → v1"), browser.text(By.id("aliases")));

        browser.type(By.id("alias-name"), "staging");
        new Select(browser.find(By.id("alias-version"))).selectByValue("2");
        browser.find(By.cssSelector("#alias-form button[type=submit]")).click();
        browser.waitForText(By.id("aliases"), "staging → v2", java.time.Duration.ofSeconds(10));

        browser.type(By.id("alias-name"), "not valid!");
        browser.find(By.cssSelector("#alias-form button[type=submit]")).click();
        assertTrue(browser.waitFor(By.id("alias-error")).getText().contains("alias"));
        assertEquals("not valid!", browser.find(By.id("alias-name")).getAttribute("value"));

        browser.find(By.cssSelector("button[aria-label='Remove alias staging']")).click();
        browser.driver().switchTo().alert().accept();
        browser.waitFor(By.id("no-aliases"));
        List<String> moves = browser.findAll(By.cssSelector("#alias-history tbody tr")).stream()
                .map(WebElement::getText).toList();
        assertEquals(3, moves.size(), moves.toString());
        assertTrue(moves.get(0).contains("v2") && moves.get(0).contains("(removed)") && moves.get(0).contains("editor"),
                moves.get(0));
        assertTrue(moves.get(2).contains("(created)") && moves.get(2).contains("v1"), moves.get(2));
    }

    private static WebElement row(int version) {
        return browser.find(By.cssSelector("#versions tbody tr[data-version='" + version + "']"));
    }

    private static List<String> writeControls() {
        return browser.findAll(By.cssSelector("#new-version-link, #deploy-link, #details-form, #alias-form,"
                + " form[action$='/remove']")).stream().map(e -> e.getAttribute("id").isEmpty() ? "remove"
                : e.getAttribute("id")).distinct().toList();
    }

    private static String relative(WebElement link) {
        java.net.URI uri = java.net.URI.create(link.getAttribute("href"));
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
