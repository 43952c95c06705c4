package dev.modeldock.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.api.ServerSentEvent;
import dev.modeldock.ui.browser.Browser;
import dev.modeldock.ui.browser.UiServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The playground with the real all-MiniLM-L6-v2, converted once through the API: texts typed in the
 * browser are embedded on the server, and the page shows each vector's size and norm and the
 * cosine heatmap, coloured by its script.
 */
class PlaygroundBrowserTest {
    @RegisterExtension
    @Order(1)
    static final UiServer server = new UiServer();
    @RegisterExtension
    @Order(2)
    static final Browser browser = new Browser(server);

    @BeforeAll
    static void convertMiniLm() {
        server.createModel("minilm", "Sentence embeddings", List.of("english"));
        String source = MiniLmHubFolder.create(server.sources().resolve("hub")).toString();
        String job = server.admin().post("/api/v1/models/minilm/versions", Map.of("source", source)).expect(202)
                .json().path("id").asText();
        List<ServerSentEvent> events = server.admin().events(job, null).events();
        assertEquals("succeeded", events.get(events.size() - 1).json().path("state").asText(), events.toString());
    }

    @Test
    void thePlaygroundShowsASimilarityHeatmapForThreeTexts() {
        browser.signInAs("viewer");
        browser.open("/playground?model=minilm&version=1");
        assertEquals("minilm", browser.find(By.id("model")).getAttribute("value"), "the link preselects the model");
        assertEquals("1", browser.find(By.id("version")).getAttribute("value"));
        browser.type(By.id("texts"), "A cat sits on the mat.\nA kitten rests on a rug.\n\nStock markets fell sharply today.");
        browser.find(By.cssSelector(".playground-form button.primary")).click();

        browser.waitFor(By.id("heatmap"));
        List<WebElement> rows = browser.findAll(By.cssSelector("#vectors tbody tr"));
        assertEquals(3, rows.size(), "the blank line is no text");
        for (WebElement row : rows) {
            assertEquals(String.valueOf(MiniLmHubFolder.WIDTH), row.findElement(By.className("dimensions")).getText());
            assertEquals("1.0000", row.findElement(By.className("norm")).getText(), "MiniLM's pipeline normalizes");
        }
        List<WebElement> cells = browser.findAll(By.cssSelector("#heatmap td.heat"));
        assertEquals(9, cells.size());
        double[][] cosine = new double[3][3];
        for (int i = 0; i < 9; i++) {
            WebElement cell = cells.get(i);
            cosine[i / 3][i % 3] = Double.parseDouble(cell.getText());
            assertEquals(Double.parseDouble(cell.getAttribute("data-cosine")), cosine[i / 3][i % 3], 0.0005,
                    "the cell shows its value");
            assertFalse(cell.getCssValue("background-color").equals("rgba(0, 0, 0, 0)"), "the script coloured it");
        }
        assertEquals(1.0, cosine[0][0], 0.001);
        assertEquals(cosine[0][1], cosine[1][0], 0.001, "symmetric");
        assertTrue(cosine[0][1] > cosine[0][2] + 0.2, "a cat and a kitten are closer than a cat and the stock"
                + " market: " + cosine[0][1] + " vs " + cosine[0][2]);
        browser.screenshots("playground");
    }

    @Test
    void tooManyTextsAreRefusedWithTheLimitAndTheFormKeepsThem() {
        browser.signInAs("viewer");
        browser.open("/playground?model=minilm");
        StringBuilder texts = new StringBuilder();
        for (int i = 1; i <= 17; i++) {
            texts.append("text number ").append(i).append('\n');
        }
        browser.type(By.id("texts"), texts.toString());
        browser.find(By.cssSelector(".playground-form button.primary")).click();

        assertEquals("the playground embeds at most 16 texts at a time, not 17",
                browser.waitFor(By.id("playground-error")).getText());
        assertTrue(browser.find(By.id("texts")).getAttribute("value").contains("text number 17"));
        assertEquals("minilm", browser.find(By.id("model")).getAttribute("value"));
        assertTrue(browser.findAll(By.id("heatmap")).isEmpty());
    }
}
