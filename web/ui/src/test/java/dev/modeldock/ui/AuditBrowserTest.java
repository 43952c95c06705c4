package dev.modeldock.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.registry.Role;
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

/** The audit log page (admin): filtered by actor, action and subject text, paged. */
class AuditBrowserTest {
    @RegisterExtension
    @Order(1)
    static final UiServer server = new UiServer();
    @RegisterExtension
    @Order(2)
    static final Browser browser = new Browser(server);

    @BeforeAll
    static void history() {
        for (int i = 0; i < 55; i++) {
            server.createModel("model-" + i, "", List.of());
        }
        server.server().services().models().create("minilm-l6", "", List.of(), "editor");
        server.server().services().users().create("gina", Role.VIEWER, "test");
    }

    @Test
    void theAuditLogIsFilteredByActionActorAndSubjectText() {
        browser.signInAs("admin");
        browser.open("/audit");
        assertEquals("Page 1 of 2", browser.text(By.cssSelector(".pager span")), "50 entries a page");

        new Select(browser.find(By.id("action"))).selectByValue("model.create");
        browser.type(By.id("subject"), "MINILM");
        browser.find(By.cssSelector(".audit-filters button.primary")).click();
        browser.waitForText(By.id("audit-count"), "1 entry match", java.time.Duration.ofSeconds(10));
        List<WebElement> rows = browser.findAll(By.cssSelector("#audit tbody tr"));
        assertEquals(1, rows.size());
        assertTrue(rows.get(0).getText().contains("editor") && rows.get(0).getText().contains("minilm-l6"),
                rows.get(0).getText());
        assertEquals("MINILM", browser.find(By.id("subject")).getAttribute("value"), "the filters stay filled in");
        browser.screenshots("audit");

        browser.open("/audit?actor=test&action=user.create");
        String only = browser.text(By.cssSelector("#audit tbody"));
        assertTrue(only.contains("gina") && !only.contains("model-"), only);

        browser.open("/audit?subject=no-such-thing");
        assertEquals("No audit entries match.", browser.text(By.id("audit-empty")));
    }

    @Test
    void anEditorIsRefusedTheAuditLog() {
        browser.signInAs("editor");
        browser.open("/audit");
        assertTrue(browser.text(By.cssSelector("main")).contains("Error 403"));
    }
}
