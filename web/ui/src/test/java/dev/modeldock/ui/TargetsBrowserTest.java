package dev.modeldock.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.ui.browser.Browser;
import dev.modeldock.ui.browser.UiServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The targets pages in Chromium: an administrator creates, edits and deletes profiles with forms
 * made from the plugins' declared settings; a secret typed in is never sent back to the browser.
 */
class TargetsBrowserTest {
    private static final String SECRET = "Scott-Tiger-7a1e-write-only";

    @RegisterExtension
    @Order(1)
    static final UiServer server = new UiServer();
    @RegisterExtension
    @Order(2)
    static final Browser browser = new Browser(server);

    private static String storedPassword(String profile) {
        return server.server().services().registry().targets().settingsForExport(profile).get("password");
    }

    @Test
    void anAdministratorCreatesEditsAndDeletesATargetWhoseSecretNeverReachesThePage() {
        browser.signInAs("admin");
        browser.open("/targets");
        browser.find(By.linkText("New oracle target")).click();
        browser.type(By.id("name"), "warehouse");
        browser.type(By.id("setting-url"), "jdbc:oracle:thin:@//db.example:1521/FREEPDB1");
        browser.type(By.id("setting-user"), "SCOTT");
        browser.type(By.id("setting-password"), SECRET);
        assertEquals("password", browser.find(By.id("setting-password")).getAttribute("type"));
        browser.screenshots("target-form");
        browser.find(By.id("save-target")).click();
        assertTrue(browser.waitFor(By.id("targets-notice")).getText().contains("warehouse"));
        assertTrue(browser.find(By.id("target-warehouse")).getText().contains("secret, set"));
        assertFalse(browser.driver().getPageSource().contains(SECRET));
        assertEquals(SECRET, storedPassword("warehouse"));

        browser.find(By.id("target-warehouse")).findElement(By.linkText("Edit")).click();
        assertEquals("", browser.find(By.id("setting-password")).getAttribute("value"));
        assertTrue(browser.text(By.id("setting-password-hint")).contains("Leave this empty to keep it"));
        assertFalse(browser.driver().getPageSource().contains(SECRET));
        browser.type(By.id("setting-user"), "SCOTT2");
        browser.find(By.id("save-target")).click();
        browser.waitFor(By.id("targets-notice"));
        assertTrue(browser.find(By.id("target-warehouse")).getText().contains("SCOTT2"));
        assertEquals(SECRET, storedPassword("warehouse"), "an empty secret field kept the stored secret");
        browser.screenshots("targets");

        browser.find(By.id("target-warehouse")).findElement(By.cssSelector("button.danger")).click();
        browser.driver().switchTo().alert().accept();
        assertTrue(browser.waitFor(By.id("targets-notice")).getText().contains("deleted"));
        assertTrue(browser.findAll(By.id("target-warehouse")).isEmpty());
    }

    @Test
    void aRefusedProfileKeepsTheFormFilledButNotItsSecret() {
        browser.signInAs("admin");
        browser.open("/targets/new?plugin=oracle");
        browser.type(By.id("name"), "bad name!");
        browser.type(By.id("setting-user"), "SCOTT");
        browser.type(By.id("setting-password"), SECRET);
        browser.find(By.id("save-target")).click();
        String error = browser.waitFor(By.id("target-error")).getText();
        assertTrue(error.contains("bad name!") && error.contains("type any you changed again"), error);
        assertEquals("SCOTT", browser.find(By.id("setting-user")).getAttribute("value"));
        assertEquals("", browser.find(By.id("setting-password")).getAttribute("value"));
        assertFalse(browser.driver().getPageSource().contains(SECRET));

        browser.open("/targets/new?plugin=file");
        browser.type(By.id("name"), "escape");
        browser.type(By.id("setting-output_dir"), "../../outside");
        browser.find(By.id("save-target")).click();
        assertTrue(browser.waitFor(By.id("target-error")).getText().contains("output_dir"));
    }

    @Test
    void deployersAndViewersHaveNoTargetsPage() throws Exception {
        for (String user : new String[] {"deployer", "viewer"}) {
            browser.signInAs(user);
            assertTrue(browser.findAll(By.linkText("Targets")).isEmpty(), user + " has no Targets link");
            browser.open("/targets");
            assertTrue(browser.text(By.tagName("main")).contains("may not do this"), user);
            String cookie = browser.driver().manage().getCookieNamed("modeldock_session").getValue();
            for (String path : new String[] {"/targets", "/targets/new?plugin=file"}) {
                HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + path)).header("Cookie", "modeldock_session=" + cookie).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(403, answer.statusCode(), user + " " + path);
            }
        }
    }
}
