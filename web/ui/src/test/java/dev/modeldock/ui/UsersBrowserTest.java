package dev.modeldock.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.registry.ApiToken;
import dev.modeldock.registry.Role;
import dev.modeldock.service.UserService;
import dev.modeldock.ui.browser.Browser;
import dev.modeldock.ui.browser.UiServer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The users page (admin): create a user, set their password, change a role, revoke a token, delete. */
class UsersBrowserTest {
    @RegisterExtension
    @Order(1)
    static final UiServer server = new UiServer();
    @RegisterExtension
    @Order(2)
    static final Browser browser = new Browser(server);

    private static UserService users() {
        return server.server().services().users();
    }

    @Test
    void anAdminCreatesAUserAndSetsTheirPasswordWithWhichTheySignIn() {
        browser.signInAs("admin");
        browser.open("/users");
        browser.type(By.id("new-name"), "dana");
        new Select(browser.find(By.id("new-role"))).selectByValue("editor");
        browser.find(By.cssSelector("form.new-user button.primary")).click();
        assertTrue(browser.waitFor(By.id("users-message")).getText().startsWith("User dana created."));
        assertEquals(Role.EDITOR, users().get("dana").role());

        browser.type(By.id("password-dana"), "short");
        browser.find(By.cssSelector("li[data-user='dana'] .user-password button")).click();
        assertEquals("the password is too short: use at least 10 characters",
                browser.waitFor(By.id("users-error")).getText());

        browser.type(By.id("password-dana"), "dana's long password");
        browser.find(By.cssSelector("li[data-user='dana'] .user-password button")).click();
        assertEquals("dana has a new password; their sessions were ended.",
                browser.waitFor(By.id("users-message")).getText());
        browser.screenshots("users");

        browser.signOutIfSignedIn();
        browser.open("/sign-in");
        browser.type(By.id("name"), "dana");
        browser.type(By.id("password"), "dana's long password");
        browser.find(By.cssSelector("form button.primary")).click();
        assertTrue(browser.waitFor(By.cssSelector("header .account")).getText().contains("dana"));
    }

    @Test
    void anAdminChangesARoleAndTheLastAdminCannotBeDeleted() {
        users().create("erin", Role.VIEWER, "test");
        browser.signInAs("admin");
        browser.open("/users");
        new Select(browser.find(By.id("role-erin"))).selectByValue("deployer");
        browser.find(By.cssSelector("li[data-user='erin'] .user-role button")).click();
        assertEquals("erin has a new role.", browser.waitFor(By.id("users-message")).getText());
        assertEquals(Role.DEPLOYER, users().get("erin").role());

        browser.script("document.querySelectorAll('form[data-confirm]').forEach(f => f.removeAttribute('data-confirm'))");
        browser.find(By.cssSelector("li[data-user='admin'] .user-delete button")).click();
        String refusal = browser.waitFor(By.id("users-error")).getText();
        assertTrue(refusal.contains("admin"), refusal);
        assertEquals(Role.ADMIN, users().get("admin").role(), "the last admin stays");

        browser.script("document.querySelectorAll('form[data-confirm]').forEach(f => f.removeAttribute('data-confirm'))");
        browser.find(By.cssSelector("li[data-user='erin'] .user-delete button")).click();
        assertEquals("User erin deleted, with their tokens.", browser.waitFor(By.id("users-message")).getText());
        assertTrue(users().list().stream().noneMatch(u -> u.name().equals("erin")));
    }

    @Test
    void anAdminSeesAUsersTokensAndRevokesOneWhichThenStopsWorking() {
        users().create("frank", Role.EDITOR, "test");
        String kept = users().issueToken("frank", "laptop", "test");
        String revoked = users().issueToken("frank", "ci", "test");
        ApiToken ci = users().tokens("frank").stream().filter(t -> t.label().equals("ci")).findFirst().orElseThrow();

        browser.signInAs("admin");
        browser.open("/users");
        browser.find(By.cssSelector("li[data-user='frank'] .user-tokens")).click();
        browser.waitFor(By.id("tokens"));
        assertEquals(2, browser.findAll(By.cssSelector("#tokens tbody tr")).size());
        assertFalse(browser.driver().getPageSource().contains(revoked.substring(4)), "never the token itself");

        browser.script("document.querySelectorAll('form[data-confirm]').forEach(f => f.removeAttribute('data-confirm'))");
        browser.find(By.cssSelector("#tokens tr[data-token='" + ci.id() + "'] button")).click();
        assertEquals("A token of frank was revoked.", browser.waitFor(By.id("users-message")).getText());
        assertEquals(1, browser.findAll(By.cssSelector("#tokens tbody tr")).size());
        assertTrue(users().authenticate(revoked).isEmpty(), "the revoked token is refused");
        assertTrue(users().authenticate(kept).isPresent(), "the other one works on");
        server.admin().as(revoked).get("/api/v1/me").expect(401);
    }

    @Test
    void aCraftedLinkCannotShowAnAdminAChangeThatDidNotHappen() {
        browser.signInAs("admin");
        browser.open("/users?done=deleted&user=admin");
        assertTrue(browser.findAll(By.id("users-message")).isEmpty(), "admin was not deleted");
        browser.open("/users?done=created&user=nobody-of-that-name");
        assertTrue(browser.findAll(By.id("users-message")).isEmpty(), "no such user was created");
        browser.open("/users?done=role&user=editor");
        assertEquals("editor has a new role.", browser.text(By.id("users-message")), "a real user's change reads");
    }

    @Test
    void aNonAdminIsRefusedTheUsersPage() {
        browser.signInAs("deployer");
        browser.open("/users");
        assertTrue(browser.text(By.cssSelector("main")).contains("Error 403"));
        assertTrue(browser.findAll(By.cssSelector("header nav a[href='/users']")).isEmpty());
    }
}
