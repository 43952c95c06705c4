package dev.modeldock.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.testkit.onnx.SmallModels;
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

/**
 * Two uploaded versions compared: v1 a regressor, v2 a classifier, v3 the regressor's bytes again
 * with its inputs mapped to other column names.
 */
class ComparePageBrowserTest {
    @RegisterExtension
    @Order(1)
    static final UiServer server = new UiServer();
    @RegisterExtension
    @Order(2)
    static final Browser browser = new Browser(server);
    static final String RENAMED_METADATA = SmallModels.FEATURE_REGRESSOR_METADATA.replace("\"A\", \"B\"",
            "\"W\", \"X\"");

    @BeforeAll
    static void uploadThreeVersions() {
        server.createModel("scorer", "", List.of());
        byte[] regressor = SmallModels.featureRegressor().toByteArray();
        server.admin().upload("scorer", regressor, SmallModels.FEATURE_REGRESSOR_METADATA);
        server.admin().upload("scorer", SmallModels.irisClassifier().toByteArray(),
                SmallModels.IRIS_CLASSIFIER_METADATA);
        server.admin().upload("scorer", regressor, RENAMED_METADATA);
    }

    @Test
    void twoVersionsPickedInTheFormShowOnlyTheirDifferencesUntilAllAreAskedFor() {
        browser.signInAs("viewer").open("/models/scorer/compare");
        assertEquals("2", new Select(browser.find(By.id("a"))).getFirstSelectedOption().getAttribute("value"),
                "by default the latest version is compared with the one before");
        new Select(browser.find(By.id("a"))).selectByValue("1");
        new Select(browser.find(By.id("b"))).selectByValue("3");
        browser.find(By.cssSelector("#compare-form button[type=submit]")).click();
        browser.waitForText(By.tagName("h1"), "Compare v1 and v3", java.time.Duration.ofSeconds(10));

        List<List<String>> rows = rows("metadata");
        assertEquals(List.of(List.of("input.features[0] changed", "\"A\"", "\"W\""),
                List.of("input.features[1] changed", "\"B\"", "\"X\"")), rows);
        assertEquals("0 difference(s)", browser.text(By.cssSelector("#lineage .diff-count")),
                "the same file, taken in the same way");
        assertTrue(browser.text(By.id("lineage")).contains("The same in both versions"));
        assertTrue(browser.text(By.id("config")).contains("Neither version has one"), "uploads have no configuration");
        assertFalse(figure("SHA-256").getAttribute("class").contains("diff-changed"), "the same bytes");

        browser.find(By.id("all")).click();
        browser.find(By.cssSelector("#compare-form button[type=submit]")).click();
        browser.waitFor(By.cssSelector("#all:checked"));
        assertTrue(rows("metadata").contains(List.of("function same", "\"regression\"", "\"regression\"")),
                rows("metadata").toString());
        assertEquals(2, rows("metadata").stream().filter(row -> row.get(0).endsWith("changed")).count());
    }

    @Test
    void aRegressorAndAClassifierDifferInFunctionBytesAndOutputs() {
        browser.signInAs("viewer").open("/models/scorer/versions/2");
        browser.find(By.id("compare-link")).click();
        browser.waitForText(By.tagName("h1"), "Compare v1 and v2", java.time.Duration.ofSeconds(10));
        assertTrue(figure("SHA-256").getAttribute("class").contains("diff-changed"));
        List<List<String>> rows = rows("metadata");
        assertTrue(rows.contains(List.of("function changed", "\"regression\"", "\"classification\"")),
                rows.toString());
        assertTrue(rows.contains(List.of("classificationProbOutput added", "—", "\"probabilities\"")),
                rows.toString());
        assertTrue(rows.stream().allMatch(row -> !row.get(0).endsWith("same")), "only differences by default");
        browser.screenshots("compare");

        browser.open("/models/nobody/compare");
        assertTrue(browser.waitFor(By.tagName("h1")).getText().contains("404"), "an unknown model");
        browser.open("/models/scorer/compare?a=1&b=9");
        assertTrue(browser.waitFor(By.tagName("h1")).getText().contains("404"), "an unknown version");
    }

    private static WebElement figure(String label) {
        return browser.findAll(By.cssSelector("#figures tbody tr")).stream()
                .filter(row -> row.findElement(By.tagName("th")).getText().equals(label)).findFirst().orElseThrow();
    }

    private static List<List<String>> rows(String section) {
        return browser.findAll(By.cssSelector("#" + section + " table.diff tbody tr")).stream()
                .map(row -> row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList()).toList();
    }
}
