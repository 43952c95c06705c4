package dev.modeldock.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.ui.browser.Browser;
import dev.modeldock.ui.browser.UiServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * An admin manages plugins on the plugins page: a hostile zip is refused with the server's message and
 * nothing changes; an uploaded plugin is disabled, enabled and removed, each saying what was done.
 */
class PluginsAdminBrowserTest {
    @RegisterExtension
    @Order(1)
    static final UiServer server = new UiServer();
    @RegisterExtension
    @Order(2)
    static final Browser browser = new Browser(server);

    final PluginPageDriver page = new PluginPageDriver(browser);

    @TempDir
    Path temp;

    @Test
    void aZipWithAPathLeavingItsFolderIsRefusedWithTheServersMessageAndTheListUnchanged() throws IOException {
        browser.signInAs("admin");
        browser.open("/plugins");
        List<String> before = page.ids();
        Path hostile = temp.resolve("escape-plugin.zip");
        try (OutputStream file = Files.newOutputStream(hostile); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("escape/plugin.properties"));
            zip.write("plugin.id=escape\nplugin.version=1.0.0\nplugin.requires=^1.0.0\n".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("escape/../../escaped.txt"));
            zip.write("outside".getBytes(StandardCharsets.UTF_8));
        }

        page.upload(hostile);
        String error = browser.text(By.id("plugins-error"));
        assertTrue(error.contains("'escape/../../escaped.txt'") && error.contains("would leave the plugin's folder"),
                error);
        assertEquals(422, page.status(), "as the API answers a plugin that is wrong");
        assertTrue(browser.findAll(By.id("plugins-message")).isEmpty());
        assertEquals(before, page.ids(), "the plugin list is unchanged");
        assertTrue(server.server().services().plugins().list().stream().noneMatch(p -> p.id().equals("escape")));
        try (var files = Files.walk(server.dataDir())) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().equals("escaped.txt")), "nothing unpacked");
        }
        browser.screenshots("plugins-refused");
    }

    @Test
    void anUploadedPluginIsDisabledEnabledAndRemoved() {
        browser.signInAs("admin");
        page.upload(PluginPageDriver.exampleZip());
        assertEquals("Plugin truncate 1.0.0 installed and started.", browser.text(By.id("plugins-message")));
        assertTrue(browser.driver().getCurrentUrl().contains("/plugins?done=installed"), "PRG");
        assertEquals("started", page.state("truncate"));

        page.press("truncate", "disable");
        assertEquals("disabled", page.state("truncate"));
        assertTrue(browser.text(By.id("plugins-message")).startsWith("Plugin truncate 1.0.0 disabled"));
        assertFalse(server.server().services().catalog().postProcessors().stream()
                .anyMatch(p -> p.name().equals("Truncate")), "the running plugins lost Truncate");
        assertTrue(page.card("truncate").findElements(By.cssSelector(".plugin-disable")).isEmpty());
        browser.screenshots("plugins-disabled");

        page.press("truncate", "enable");
        assertEquals("started", page.state("truncate"));
        assertEquals("Plugin truncate 1.0.0 started again.", browser.text(By.id("plugins-message")));
        assertTrue(page.card("truncate").getText().contains("Truncate"), page.card("truncate").getText());

        page.card("truncate").findElement(By.cssSelector(".plugin-remove button")).click();
        browser.driver().switchTo().alert().dismiss();
        assertEquals("started", page.state("truncate"), "not confirmed, not removed");
        page.press("truncate", "remove");
        assertEquals("Plugin truncate removed.", browser.text(By.id("plugins-message")));
        assertFalse(page.ids().contains("truncate"));
        assertFalse(Files.exists(server.dataDir().resolve("plugins").resolve("truncate")), "its folder is deleted");
        assertTrue(browser.findAll(By.cssSelector("[data-plugin='postprocessors'] .plugin-remove")).isEmpty(),
                "a built-in one offers no Remove");
    }
}
