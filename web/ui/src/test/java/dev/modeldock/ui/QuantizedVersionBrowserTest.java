package dev.modeldock.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.metadata.SizeAdvice;
import dev.modeldock.registry.JobQuery;
import dev.modeldock.registry.NewVersion;
import dev.modeldock.registry.Version;
import dev.modeldock.service.Json;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.onnx.SmallModels;
import dev.modeldock.transform.WeightFormat;
import dev.modeldock.ui.browser.Browser;
import dev.modeldock.ui.browser.UiServer;
import dev.modeldock.validation.QualityReport;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * int8 weights chosen on the new-version form, the quality gate waived there, and the version page
 * stating what the weights cost against float32: the real MiniLM converted from the form.
 */
class QuantizedVersionBrowserTest {
    @RegisterExtension
    @Order(1)
    static final UiServer server = new UiServer();
    @RegisterExtension
    @Order(2)
    static final Browser browser = new Browser(server);

    @Test
    void int8ChosenOnTheFormGivesAVersionShowingItsQualityAgainstFloat32() {
        String hubFolder = MiniLmHubFolder.create(server.sources().resolve("hub")).toString();
        server.createModel("small", "int8 MiniLM", List.of());
        browser.signInAs("editor");
        browser.open("/models/small/new");
        new Select(browser.find(By.id("start"))).selectByValue("preconfigured:" + MiniLmHubFolder.HUB_ID);
        browser.waitUpTo(Duration.ofSeconds(20)).until(driver -> !browser.findAll(By.cssSelector(
                "#start option[selected][value='preconfigured:" + MiniLmHubFolder.HUB_ID + "']")).isEmpty());
        browser.type(By.id("source"), hubFolder);
        browser.find(By.id("quantize_model")).click();
        browser.find(By.id("ignore_quality_gate")).click();
        browser.waitFor(By.id("conversion-ok"));
        assertTrue(browser.text(By.id("gate-hint")).contains("0.98"), browser.text(By.id("gate-hint")));
        browser.screenshots("new-version-int8");

        browser.find(By.id("convert")).click();
        browser.waitUpTo(Duration.ofMinutes(4))
                .until(driver -> driver.getCurrentUrl().endsWith("/models/small/versions/1"));
        JsonNode quality = Json.tree(server.server().services().versions().get("small", "1").validation())
                .path("quality");
        assertEquals("int8", quality.path("weights").asText(), quality.toString());
        assertTrue(quality.path("waived").asBoolean(), "the form's gate option reached the engine: " + quality);

        assertEquals("int8", browser.waitFor(By.id("quality-weights")).getText());
        assertEquals(String.format(Locale.ROOT, "%.4f", quality.path("meanCosine").asDouble()),
                browser.text(By.id("quality-mean")));
        assertEquals(String.format(Locale.ROOT, "%.4f", quality.path("minCosine").asDouble()),
                browser.text(By.id("quality-min")));
        assertTrue(browser.text(By.id("quality-top1")).contains(quality.path("top1Agreement").asInt() + " of "
                + quality.path("queries").asInt() + " queries"), browser.text(By.id("quality-top1")));
        assertTrue(browser.text(By.id("quality-size")).matches("\\d+\\.\\d MB, 0\\.2\\d of float32's \\d+\\.\\d MB"),
                browser.text(By.id("quality-size")));
        assertEquals("passed", browser.text(By.id("quality-gate")));
        assertTrue(browser.text(By.id("quality-verdict")).contains("waived"), browser.text(By.id("quality-verdict")));
        assertTrue(browser.findAll(By.cssSelector(".size-note")).isEmpty(), "MiniLM fits every release");
        browser.screenshots("version-int8");

        // Back to the form from the job: int8 and the waiver are as they were.
        String job = server.server().services().jobs().list(new JobQuery(null, null, "small", 0, 10)).items().get(0)
                .id();
        browser.open("/models/small/new?from-job=" + job);
        assertTrue(browser.waitFor(By.id("quantize_model")).isSelected());
        assertTrue(browser.find(By.id("ignore_quality_gate")).isSelected());
    }

    @Test
    void aVersionKeptBelowItsGateSaysSoAndItsSizeNotesAreShown() {
        server.createModel("large", "", List.of());
        server.admin().upload("large", SmallModels.featureRegressor().toByteArray(),
                SmallModels.FEATURE_REGRESSOR_METADATA);
        // Filed as a conversion of a model too large to convert here would be: int8 below the gate, waived,
        // and still over 23ai's 1 GB.
        long bytes = 1_100_000_000L;
        QualityReport below = new QualityReport(WeightFormat.INT8, 24, 0.9712, 0.9034, 36, 31, 34, 30,
                4_400_000_000L, bytes, true);
        Map<String, Object> validation = new LinkedHashMap<>();
        validation.put("quality", below.toMap());
        validation.put("sizeNotes", SizeAdvice.notes(bytes, WeightFormat.INT8));
        Version upload = server.server().services().versions().get("large", "1");
        server.server().services().registry().versions().create("large", new NewVersion(upload.artifactSha256(),
                null, upload.lineage(), upload.metadata(), Json.write(validation)), "admin");

        browser.signInAs("viewer").open("/models/large/versions/2");
        assertEquals("below the gate, waived", browser.waitFor(By.id("quality-gate")).getText());
        assertTrue(browser.text(By.id("quality-verdict")).contains("mean cosine ≥ 0.98"),
                browser.text(By.id("quality-verdict")));
        assertEquals("0.9712", browser.text(By.id("quality-mean")));
        assertEquals("1.10 GB, 0.25 of float32's 4.40 GB", browser.text(By.id("quality-size")));
        List<String> notes = SizeAdvice.notes(bytes, WeightFormat.INT8);
        assertEquals(1, notes.size(), "over 23ai's limit: " + notes);
        assertEquals(notes.stream().map(n -> n.substring(0, 1).toUpperCase(Locale.ROOT) + n.substring(1)).toList(),
                browser.findAll(By.cssSelector(".alert.info.size-note")).stream().map(e -> e.getText()).toList());
        assertTrue(browser.findAll(By.xpath("//*[@id='validation']//*[contains(., 'no validation report')]"))
                .isEmpty(), "the quality figures are a report");
        browser.screenshots("version-below-gate");

        // Beside the upload it was filed after: the weights and what they cost, row by row.
        browser.open("/models/large/compare?a=1&b=2");
        assertEquals(List.of("—", "int8"), figure("Weights"));
        assertEquals(List.of("—", "0.9712"), figure("Mean cosine vs float32"));
        assertEquals(List.of("—", "31 of 36 queries"), figure("Top-1 agreement vs float32"));
        assertEquals(List.of("—", "below the gate, waived"), figure("Quality gate"));
        browser.screenshots("compare-weights");
    }

    /** The two versions' values in the compare page's figures row labelled {@code label}. */
    private static List<String> figure(String label) {
        return browser.findAll(By.xpath("//table[@id='figures']//tr[th[normalize-space()='" + label + "']]/td"))
                .stream().map(cell -> cell.getText().strip()).toList();
    }
}
