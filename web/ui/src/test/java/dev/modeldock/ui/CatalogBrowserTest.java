package dev.modeldock.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.ui.browser.Browser;
import dev.modeldock.ui.browser.UiServer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The catalog: every model with its facts, searched, filtered, sorted and paged; editors create models. */
class CatalogBrowserTest {
    @RegisterExtension
    @Order(1)
    static final UiServer server = new UiServer();
    @RegisterExtension
    @Order(2)
    static final Browser browser = new Browser(server);

    /** 30 models: 28 tagged "team" (more than a page), some with versions, aliases and deployments. */
    @BeforeAll
    static void aTeamsCatalog() {
        ModelFixtures fixtures = new ModelFixtures(server);
        server.createModel("e5-base", "Multilingual E5 text embeddings, base size", List.of("multilingual", "team"));
        fixtures.converted("e5-base", 1_200_000, 0.999991, 6, "editor");
        fixtures.converted("e5-base", 1_100_000, 0.999994, 7, "editor");
        fixtures.converted("e5-base", 1_150_000, 0.999996, 7, "editor");
        server.admin().put("/api/v1/models/e5-base/aliases/production", java.util.Map.of("version", 2)).expect(200);
        server.admin().put("/api/v1/models/e5-base/aliases/candidate", java.util.Map.of("version", 3)).expect(200);
        fixtures.deployed("e5-base", 2, "prod-db", "E5_BASE");
        fixtures.deployed("e5-base", 3, "test-db", "E5_NEXT");
        server.createModel("minilm-l6", "Small and fast English sentence embeddings", List.of("english", "fast",
                "team"));
        fixtures.converted("minilm-l6", 90_000, 0.999998, 8, "editor");
        server.admin().put("/api/v1/models/minilm-l6/aliases/production", java.util.Map.of("version", 1))
                .expect(200);
        server.createModel("regressor", "An ONNX model built elsewhere, uploaded as it is", List.of("uploaded"));
        fixtures.upload("regressor");
        server.createModel("labse", "Language-agnostic BERT sentence embeddings", List.of("multilingual"));
        for (int i = 1; i <= 26; i++) {
            String name = String.format("team-model-%02d", i);
            server.createModel(name, "Model number " + i + " of the team", List.of("team"));
            if (i <= 6) { // a version each, some aliased and deployed, as a team's catalog has
                fixtures.converted(name, 300_000 + i * 10_000, 0.99999, 8, "editor");
                if (i % 2 == 0) {
                    server.admin().put("/api/v1/models/" + name + "/aliases/production", java.util.Map.of(
                            "version", 1)).expect(200);
                    fixtures.deployed(name, 1, "prod-db", name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
                }
            }
        }
    }

    @Test
    void eachModelShowsItsLatestVersionSizeAliasesTagsAndWhereItIsDeployed() {
        browser.signInAs("viewer");
        browser.open("/");
        assertEquals("30 models", browser.text(By.id("model-count")));
        String e5 = card("e5-base").getText();
        assertTrue(e5.contains("v3"), e5);
        assertTrue(e5.contains("1.15 MB"), "the latest version's size: " + e5);
        assertTrue(e5.contains("production → v2") && e5.contains("candidate → v3"), e5);
        assertTrue(e5.contains("prod-db: E5_BASE (v2)") && e5.contains("test-db: E5_NEXT (v3)"), e5);
        assertTrue(e5.contains("multilingual") && e5.contains("Multilingual E5 text embeddings"), e5);
        assertTrue(card("labse").getText().contains("no versions yet"));
        assertTrue(card("regressor").getText().contains("v1"), "an uploaded version counts like any");
        card("e5-base").findElement(By.linkText("e5-base")).click();
        browser.waitFor(By.id("model-name"));
        assertEquals("/models/e5-base", path());
        browser.open("/");
        browser.screenshots("catalog");
    }

    @Test
    void searchTagAliasAndSortFilterTheListAndPagingKeepsTheFilters() {
        browser.signInAs("viewer");
        browser.open("/");
        assertEquals(25, browser.findAll(By.cssSelector("#models > li")).size(), "25 to a page");
        browser.type(By.id("q"), "EMBEDDINGS");
        browser.find(By.cssSelector("form[role=search] button[type=submit]")).click();
        browser.waitFor(By.id("models"));
        assertEquals(List.of("e5-base", "labse", "minilm-l6"), shown(), "name or description, any case");

        browser.open("/");
        card("e5-base").findElement(By.linkText("multilingual")).click();
        browser.waitFor(By.id("models"));
        assertEquals(List.of("e5-base", "labse"), shown());
        card("e5-base").findElement(By.partialLinkText("production")).click();
        browser.waitFor(By.id("models"));
        assertEquals(List.of("e5-base", "minilm-l6", "team-model-02", "team-model-04", "team-model-06"), shown(),
                "alias production");

        browser.open("/?tag=team");
        new Select(browser.find(By.id("sort"))).selectByValue("versions");
        browser.find(By.cssSelector("form[role=search] button[type=submit]")).click();
        browser.waitFor(By.id("next-page"));
        assertEquals(List.of("e5-base", "minilm-l6", "team-model-01"), shown().subList(0, 3), "most versions first");
        assertEquals(25, shown().size());
        browser.find(By.id("next-page")).click();
        browser.waitFor(By.id("previous-page"));
        assertEquals(List.of("team-model-24", "team-model-25", "team-model-26"), shown(),
                "28 team models: three on the second page");
        String url = browser.driver().getCurrentUrl();
        assertTrue(url.contains("tag=team") && url.contains("sort=versions") && url.contains("page=1"), url);
        assertEquals("team", browser.find(By.id("tag")).getAttribute("value"), "the form keeps the filter");
        browser.find(By.id("previous-page")).click();
        browser.waitFor(By.id("next-page"));
        assertEquals("e5-base", shown().get(0));
    }

    @Test
    void aPageOrSortTheCatalogDoesNotHaveIsExplainedNotAnError() {
        browser.signInAs("viewer");
        browser.open("/?page=abc");
        assertEquals("page must be a whole number from 0, not 'abc'", browser.text(By.className("error-message")));
        browser.open("/?sort=size");
        assertEquals("sort must be one of name, updated, versions, not 'size'",
                browser.text(By.className("error-message")));
        browser.open("/?page=9999");
        assertEquals(0, shown().size(), "past the last page: an empty page");
        assertTrue(browser.text(By.id("no-models")).contains("past the last"));
        browser.find(By.linkText("back to the first")).click();
        browser.waitFor(By.id("models"));
        assertEquals(25, shown().size());
    }

    @Test
    void anEditorCreatesAModelAndABadNameIsExplainedWithTheFormFilledIn() {
        browser.signInAs("editor");
        browser.open("/");
        browser.find(By.cssSelector("#new-model summary")).click();
        browser.type(By.id("new-name"), "bad name!");
        browser.type(By.id("new-description"), "kept as typed");
        browser.type(By.id("new-tags"), "one, two");
        browser.script("document.getElementById('new-name').removeAttribute('pattern')"); // the server's check
        browser.find(By.cssSelector("#new-model button[type=submit]")).click();
        assertTrue(browser.waitFor(By.id("new-model-error")).getText().contains("bad name!"));
        assertEquals("kept as typed", browser.find(By.id("new-description")).getAttribute("value"));
        assertEquals("one, two", browser.find(By.id("new-tags")).getAttribute("value"));

        browser.type(By.id("new-name"), "gte-small");
        browser.find(By.cssSelector("#new-model button[type=submit]")).click();
        browser.waitFor(By.id("model-name"));
        assertEquals("/models/gte-small", path());
        assertEquals("kept as typed", browser.text(By.id("model-description")));
        assertEquals(List.of("one", "two"), tags("gte-small"));
        server.admin().delete("/api/v1/models/gte-small").expect(204); // the other tests count 30 models
    }

    private static List<String> tags(String model) {
        List<String> tags = new java.util.ArrayList<>();
        server.admin().get("/api/v1/models/" + model).expect(200).json().path("tags").forEach(t -> tags.add(t.asText()));
        return tags;
    }

    private static WebElement card(String model) {
        return browser.find(By.cssSelector("#models > li[data-model='" + model + "']"));
    }

    private static List<String> shown() {
        return browser.findAll(By.cssSelector("#models > li")).stream().map(li -> li.getAttribute("data-model"))
                .toList();
    }

    private static String path() {
        return java.net.URI.create(browser.driver().getCurrentUrl()).getPath();
    }
}
