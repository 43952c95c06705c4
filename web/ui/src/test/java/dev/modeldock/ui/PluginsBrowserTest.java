package dev.modeldock.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.ui.browser.Browser;
import dev.modeldock.ui.browser.UiServer;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The plugins page lists each plugin with its version, provider, the plugin API it requires, what it
 * provides, its state and where it comes from; a viewer gets no controls, and a forged post is refused.
 */
class PluginsBrowserTest {
    @RegisterExtension
    @Order(1)
    static final UiServer server = new UiServer();
    @RegisterExtension
    @Order(2)
    static final Browser browser = new Browser(server);

    @Test
    void aViewerSeesEachPluginWithItsVersionProviderApiRangeStateAndExtensions() {
        browser.signInAs("viewer");
        browser.open("/plugins");
        String bert = browser.text(By.cssSelector("#plugins [data-plugin='tokenizer-bert']"));
        assertTrue(bert.contains("Tokenizer"), bert);
        assertTrue(bert.matches("(?s).*version \\d+\\.\\d+\\.\\d+.*"), "a version: " + bert);
        assertTrue(bert.contains("by ModelDock") && bert.contains("built-in"), bert);
        assertTrue(browser.text(By.cssSelector("[data-plugin='tokenizer-bert'] .plugin-requires")).startsWith("^1."),
                bert);
        assertEquals("started", browser.text(By.cssSelector("[data-plugin='tokenizer-bert'] .plugin-state")));
        String post = browser.text(By.cssSelector("#plugins [data-plugin='postprocessors']"));
        assertTrue(post.contains("PostProcessor") && post.contains("Normalize"), post);
        String file = browser.text(By.cssSelector("#plugins [data-plugin='export-file']"));
        assertTrue(file.contains("ExportTarget"), file);
        browser.screenshots("plugins");
    }

    @Test
    void aViewerSeesNoAdminControlsAndAForgedDisableIsRefused() {
        browser.signInAs("viewer");
        browser.open("/plugins");
        assertTrue(browser.findAll(By.id("plugin-upload")).isEmpty(), "no upload form");
        assertTrue(browser.findAll(By.cssSelector(".plugin-actions, .plugin-disable, .plugin-enable, .plugin-remove"))
                .isEmpty(), "no disable, enable or remove");
        browser.script("var f = document.createElement('form'); f.method = 'post';"
                + " f.action = '/plugins/export-file/disable'; var c = document.createElement('input');"
                + " c.name = '_csrf'; c.value = document.querySelector('meta[name=csrf-token]').content;"
                + " f.appendChild(c); document.body.appendChild(f); f.submit();");
        browser.waitForText(By.tagName("main"), "may not do this", Duration.ofSeconds(10));
        assertEquals("STARTED", server.server().services().plugins().get("export-file").state(),
                "a viewer's post changed nothing");
    }
}
