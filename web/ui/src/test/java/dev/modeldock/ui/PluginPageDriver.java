package dev.modeldock.ui;

import dev.modeldock.ui.browser.Browser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** What the plugin page's tests do on {@code /plugins}: upload a zip, press a plugin's button, read the answer. */
final class PluginPageDriver {
    /** The example third-party plugin's zip, copied into target by web/ui's pom. */
    static final Path EXAMPLE_ZIP = Path.of(System.getProperty("modeldock.example.plugin.zip",
            "target/test-plugins/truncate-plugin-1.0.0-plugin.zip"));

    private final Browser browser;

    PluginPageDriver(Browser browser) {
        this.browser = browser;
    }

    static Path exampleZip() {
        if (!Files.isRegularFile(EXAMPLE_ZIP)) {
            throw new AssertionError(EXAMPLE_ZIP + " is missing: run the tests through Maven's package phase, which"
                    + " builds plugins/examples/truncate and copies its zip");
        }
        return EXAMPLE_ZIP;
    }

    /** Chooses {@code zip} in the upload form and sends it; the browser lands on the answer. */
    void upload(Path zip) {
        browser.open("/plugins");
        WebElement page = browser.currentPage();
        browser.find(By.id("plugin-zip")).sendKeys(zip.toAbsolutePath().toString());
        browser.find(By.id("plugin-upload-submit")).click();
        browser.waitUntilReplaced(page);
        browser.waitFor(By.cssSelector("#plugins-message, #plugins-error"));
    }

    /** Presses {@code button} (disable, enable, remove) of plugin {@code id}, accepting a confirmation. */
    void press(String id, String button) {
        WebElement page = browser.currentPage();
        card(id).findElement(By.cssSelector(".plugin-" + button + " button")).click();
        if (button.equals("remove")) {
            browser.driver().switchTo().alert().accept();
        }
        browser.waitUntilReplaced(page);
        browser.waitFor(By.cssSelector("#plugins-message, #plugins-error"));
    }

    WebElement card(String id) {
        return browser.find(By.cssSelector("#plugins [data-plugin='" + id + "']"));
    }

    String state(String id) {
        return card(id).findElement(By.cssSelector(".plugin-state")).getText();
    }

    List<String> ids() {
        return browser.findAll(By.cssSelector("#plugins [data-plugin]")).stream()
                .map(e -> e.getAttribute("data-plugin")).toList();
    }

    /** The HTTP status the page now shown came with. */
    int status() {
        return ((Number) browser.script("return performance.getEntriesByType('navigation')[0].responseStatus"))
                .intValue();
    }
}
