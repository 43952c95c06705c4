package dev.modeldock.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.ui.browser.Browser;
import dev.modeldock.ui.browser.UiServer;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

class SignInBrowserTest {
    @RegisterExtension
    @Order(1)
    static final UiServer server = new UiServer();
    @RegisterExtension
    @Order(2)
    static final Browser browser = new Browser(server);

    @Test
    void aUserSignsInWithTheirPasswordAndSignsOutEndingTheSession() {
        server.createModel("minilm", "Sentence embeddings", List.of("english"));
        browser.open("/sign-in");
        browser.screenshots("sign-in");
        browser.signInAs("editor");
        assertTrue(browser.text(By.cssSelector("header .account")).contains("editor"));
        Cookie cookie = browser.driver().manage().getCookieNamed("modeldock_session");
        assertTrue(cookie.isHttpOnly(), "the session cookie is HttpOnly");
        assertEquals("Lax", cookie.getSameSite());
        String sessionId = cookie.getValue();
        assertTrue(server.server().services().sessions().find(sessionId).isPresent());

        browser.find(By.cssSelector("form[action='/sign-out'] button")).click();
        browser.waitFor(By.id("password"));
        assertNull(browser.driver().manage().getCookieNamed("modeldock_session"));
        assertTrue(server.server().services().sessions().find(sessionId).isEmpty(), "sign-out ended the session"
                + " on the server, not only in the browser");
    }

    @Test
    void aWrongPasswordIsRefusedWithoutSayingWhetherTheUserExists() {
        browser.signOutIfSignedIn();
        browser.open("/sign-in");
        browser.type(By.id("name"), "editor");
        browser.type(By.id("password"), "not the password");
        browser.find(By.cssSelector("form button.primary")).click();
        assertEquals("the user name or password is wrong", browser.waitFor(By.id("sign-in-error")).getText());
        assertNull(browser.driver().manage().getCookieNamed("modeldock_session"));
        assertEquals("editor", browser.find(By.id("name")).getAttribute("value"), "the name stays filled in");
    }

    @Test
    void aUserWithATokenButNoPasswordSignsInWithTheTokenAndSetsAPassword() {
        server.server().services().users().create("newcomer", dev.modeldock.registry.Role.EDITOR, "test");
        String token = server.server().services().users().issueToken("newcomer", "first", "test");
        browser.signOutIfSignedIn();
        browser.open("/sign-in");
        browser.find(By.cssSelector("details.token-sign-in summary")).click();
        browser.type(By.id("token"), token + "x");
        browser.find(By.cssSelector("form[action^='/sign-in/token'] button")).click();
        assertEquals("the API token is not valid", browser.waitFor(By.id("sign-in-error")).getText());
        assertEquals("", browser.find(By.id("token")).getAttribute("value"), "a token is never sent back");
        assertTrue(!browser.driver().getPageSource().contains(token), "nor shown anywhere");

        browser.type(By.id("token"), token);
        browser.find(By.cssSelector("form[action^='/sign-in/token'] button")).click();
        assertTrue(browser.waitFor(By.cssSelector("header .account")).getText().contains("newcomer"));
        browser.open("/account");
        assertEquals("Set a password", browser.text(By.id("password-title")));
        assertTrue(browser.findAll(By.id("current")).isEmpty(), "no current password to give");
        browser.type(By.id("password"), "newcomer's password");
        browser.type(By.id("repeat"), "newcomer's password");
        browser.find(By.cssSelector("form.account-password button.primary")).click();
        browser.waitFor(By.id("account-message"));

        browser.signOutIfSignedIn();
        browser.open("/sign-in");
        browser.type(By.id("name"), "newcomer");
        browser.type(By.id("password"), "newcomer's password");
        browser.find(By.cssSelector("form button.primary")).click();
        assertTrue(browser.waitFor(By.cssSelector("header .account")).getText().contains("newcomer"));
    }

    @Test
    void aBrowserAtAnAddressNoPageHasGetsThePagesNotFoundNotTheApisJson() {
        browser.open("/no-such-page");
        assertEquals("Error 404", browser.text(By.tagName("h1")));
        assertTrue(browser.text(By.cssSelector(".error-message")).contains("/no-such-page"));
        assertTrue(browser.findAll(By.cssSelector("header nav a[href='/']")).size() == 1, "with the navigation");
        var api = server.admin().get("/api/v1/no-such-endpoint");
        assertEquals(404, api.status());
        assertTrue(api.text().startsWith("{\"error\""), "the API still answers JSON: " + api.text());
    }
}
