package dev.modeldock.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.source.hub.HubEnvironment;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.hub.FakeHub;
import dev.modeldock.testkit.hub.HubRepo;
import dev.modeldock.ui.browser.Browser;
import dev.modeldock.ui.browser.UiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * A model by hub id from the browser: the form's source names MiniLM at a revision, the server
 * downloads it from a local stand-in for the hub, and the job page shows the download before the
 * conversion, ending on the new version, whose lineage names the hub id and commit.
 */
class HubConversionBrowserTest {
    static final FakeHub hub = FakeHub.start();
    @RegisterExtension
    @Order(1)
    static final UiServer server = new UiServer(config ->
            config.hub = new HubEnvironment(hub.endpoint(), null, false, Duration.ofSeconds(10)));
    @RegisterExtension
    @Order(2)
    static final Browser browser = new Browser(server);

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    @Test
    void aHubIdTypedInTheFormIsDownloadedWithItsProgressShownThenConverted() throws Exception {
        Path files = Files.createTempDirectory("modeldock-hub-repo-");
        HubRepo miniLm = HubRepo.miniLm(files);
        hub.serve(miniLm);
        server.createModel("from-hub", "downloaded in the browser", List.of());
        browser.signInAs("editor");
        browser.open("/models/from-hub/new");
        browser.type(By.id("source"), MiniLmHubFolder.HUB_ID);
        browser.type(By.id("revision"), "main");
        browser.waitFor(By.id("conversion-ok"));

        browser.find(By.id("convert")).click();
        browser.waitFor(By.id("job-progress"));
        List<String> stages = new ArrayList<>();
        StringBuilder log = new StringBuilder();
        browser.waitUpTo(Duration.ofMinutes(4)).until(driver -> {
            if (driver.getCurrentUrl().endsWith("/models/from-hub/versions/1")) {
                return true;
            }
            Object lines = browser.script("var l = document.getElementById('job-log'); return l ? l.textContent : ''");
            if (lines instanceof String text && text.length() > log.length()) {
                log.replace(0, log.length(), text);
            }
            Object stage = browser.script("var s = document.getElementById('job-stage'); return s ? s.textContent : null");
            if (stage instanceof String text && (stages.isEmpty() || !stages.get(stages.size() - 1).equals(text))) {
                stages.add(text);
                if (text.startsWith("downloading onnx/model.onnx")) {
                    browser.screenshots("job-download");
                }
            }
            return false;
        });
        assertTrue(log.toString().contains("downloaded onnx/model.onnx"), "the download in the job's log: " + log);

        JsonNode lineage = server.admin().get("/api/v1/models/from-hub/versions/1").expect(200).json().path("lineage");
        assertEquals(MiniLmHubFolder.HUB_ID, lineage.path("source").asText(), lineage.toString());
        assertEquals(miniLm.commit(), lineage.path("revision").asText(), lineage.toString());
    }
}
