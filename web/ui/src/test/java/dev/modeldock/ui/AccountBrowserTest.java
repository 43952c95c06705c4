package dev.modeldock.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.registry.Role;
import dev.modeldock.ui.browser.Browser;
import dev.modeldock.ui.browser.UiServer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** A user's own page: a token shown once, revoked; their password changed, signed in again with a new session. */
class AccountBrowserTest {
    @RegisterExtension
    @Order(1)
    static final UiServer server = new UiServer();
    @RegisterExtension
    @Order(2)
    static final Browser browser = new Browser(server);

    @Test
    void aNewTokenIsShownOnceWorksAndCanBeRevoked() {
        browser.signInAs("viewer");
        browser.open("/account");
        browser.type(By.id("label"), "my script");
        browser.find(By.cssSelector("form.account-new-token button.primary")).click();

        String token = browser.waitFor(By.id("token-value")).getText();
        assertTrue(token.startsWith("mdk_"), token);
        assertEquals(token, browser.find(By.cssSelector("#new-token button.copy")).getAttribute("data-copy"));
        assertEquals("viewer", server.server().services().users().authenticate(token).orElseThrow().name());
        assertEquals(Role.VIEWER.id(), server.admin().as(token).get("/api/v1/me").expect(200).json().path("role")
                .asText());
        browser.screenshots("account");

        browser.open("/account");
        assertFalse(browser.driver().getPageSource().contains(token.substring(4)), "never shown again");
        assertTrue(browser.findAll(By.id("new-token")).isEmpty());
        assertTrue(browser.text(By.id("tokens")).contains("my script"));

        browser.script("document.querySelectorAll('form[data-confirm]').forEach(f => f.removeAttribute('data-confirm'))");
        browser.find(By.cssSelector("#tokens tbody tr button.danger")).click();
        assertEquals("The token was revoked; scripts using it are refused from now on.",
                browser.waitFor(By.id("account-message")).getText());
        assertTrue(server.server().services().users().authenticate(token).isEmpty());
        server.admin().as(token).get("/api/v1/me").expect(401);
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndSignsInAgainWithAFreshSession() {
        server.server().services().users().create("hugo", Role.EDITOR, "test");
        server.server().services().sessions().setPassword("hugo", UiServer.PASSWORD.toCharArray(), "test");
        browser.signInAs("hugo");
        String before = browser.driver().manage().getCookieNamed("modeldock_session").getValue();
        browser.open("/account");

        browser.type(By.id("current"), "not my password");
        browser.type(By.id("password"), "hugo's new password");
        browser.type(By.id("repeat"), "hugo's new password");
        browser.find(By.cssSelector("form.account-password button.primary")).click();
        assertEquals("the current password is wrong; nothing was changed",
                browser.waitFor(By.id("account-error")).getText());

        browser.type(By.id("current"), UiServer.PASSWORD);
        browser.type(By.id("password"), "hugo's new password");
        browser.type(By.id("repeat"), "hugo's new password");
        browser.find(By.cssSelector("form.account-password button.primary")).click();
        assertTrue(browser.waitFor(By.id("account-message")).getText().startsWith("Your password was changed."));
        String after = browser.driver().manage().getCookieNamed("modeldock_session").getValue();
        assertNotEquals(before, after);
        assertTrue(server.server().services().sessions().find(before).isEmpty(), "the old session was ended");
        assertTrue(browser.text(By.cssSelector("header .account")).contains("hugo"), "still signed in");
        assertTrue(server.server().services().sessions().find(server.server().services().sessions()
                .signIn("hugo", "hugo's new password".toCharArray(), "127.0.0.1").id()).isPresent(),
                "the new password signs in");
    }

    @Test
    void anAnonymousVisitorIsSentToSignIn() {
        browser.signOutIfSignedIn();
        browser.open("/account");
        browser.waitFor(By.id("password"));
        assertTrue(browser.driver().getCurrentUrl().contains("/sign-in?next=/account"),
                browser.driver().getCurrentUrl());
    }
}
