package dev.modeldock.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.ui.browser.Browser;
import dev.modeldock.ui.browser.UiServer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** The plugins page lists each loaded plugin with its version and what it provides. */
class PluginsBrowserTest {
    @RegisterExtension
    @Order(1)
    static final UiServer server = new UiServer();
    @RegisterExtension
    @Order(2)
    static final Browser browser = new Browser(server);

    @Test
    void aViewerSeesEachPluginWithItsVersionAndExtensions() {
        browser.signInAs("viewer");
        browser.open("/plugins");
        String bert = browser.text(By.cssSelector("#plugins [data-plugin='tokenizer-bert']"));
        assertTrue(bert.contains("Tokenizer"), bert);
        assertTrue(bert.matches("(?s).*\\d+\\.\\d+\\.\\d+.*"), "a version: " + bert);
        String post = browser.text(By.cssSelector("#plugins [data-plugin='postprocessors']"));
        assertTrue(post.contains("PostProcessor") && post.contains("Normalize"), post);
        String file = browser.text(By.cssSelector("#plugins [data-plugin='export-file']"));
        assertTrue(file.contains("ExportTarget"), file);
        browser.screenshots("plugins");
    }
}
