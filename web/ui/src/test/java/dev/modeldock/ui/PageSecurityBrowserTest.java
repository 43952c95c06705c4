package dev.modeldock.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.ui.browser.Browser;
import dev.modeldock.ui.browser.UiServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The catalog and model pages under attack: controls a role may not use are absent and refused anyway,
 * a post without the session's CSRF token is refused, a hostile description stays text, and the
 * Content-Security-Policy forbids inline script and framing.
 */
class PageSecurityBrowserTest {
    @RegisterExtension
    @Order(1)
    static final UiServer server = new UiServer();
    @RegisterExtension
    @Order(2)
    static final Browser browser = new Browser(server);

    static final String HOSTILE = "<script>window.pwned = 'script'</script><img src=x onerror=\"window.pwned = 'img'\">";

    @BeforeAll
    static void guardedModels() {
        ModelFixtures fixtures = new ModelFixtures(server);
        server.createModel("guarded", "Leave me as I am", List.of("kept"));
        fixtures.converted("guarded", 5_000, 0.999995, 8, "editor");
        server.admin().put("/api/v1/models/guarded/aliases/production", Map.of("version", 1)).expect(200);
        server.createModel("hostile", HOSTILE, List.of("xss"));
    }

    @Test
    void aViewerSeesNoWriteControlsAndPostsForgedFromTheirSessionAreRefused() {
        JsonNode before = state();
        browser.signInAs("viewer");
        browser.open("/");
        assertEquals(List.of("/sign-out"), postForms(), "the catalog has no form a viewer may not send");
        assertTrue(browser.findAll(By.id("new-model")).isEmpty());
        browser.open("/models/guarded");
        assertEquals(List.of("/sign-out"), postForms(), "the model page neither");
        assertTrue(browser.findAll(By.cssSelector("#new-version-link, #deploy-link")).isEmpty());

        String token = (String) browser.script("return document.querySelector('meta[name=csrf-token]').content");
        assertFalse(token.isEmpty(), "the viewer's session has a token: the refusal is about the role");
        assertEquals(403, post("/models/guarded/details", "_csrf=" + token + "&description=changed&tags=x"));
        assertEquals(403, post("/models/guarded/aliases", "_csrf=" + token + "&alias=production&version=1"));
        assertEquals(403, post("/models/guarded/aliases/production/remove", "_csrf=" + token));
        assertEquals(403, post("/models", "_csrf=" + token + "&name=planted"));
        submitInjectedForm("/models/guarded/details", token, "description", "changed by a form");
        assertTrue(browser.waitFor(By.className("error-message")).getText().contains("may not"));
        assertEquals(before, state(), "nothing changed");
    }

    @Test
    void aPostWithoutTheSessionsCsrfTokenIsRefusedEvenFromAnEditor() {
        JsonNode before = state();
        browser.signInAs("editor");
        browser.open("/models/guarded");
        assertEquals(403, post("/models/guarded/details", "description=changed&tags=x"));
        assertEquals(403, post("/models/guarded/details", "_csrf=forged&description=changed&tags=x"));
        assertEquals(403, post("/models/guarded/aliases/production/remove", ""));
        assertEquals(403, post("/models", "name=planted"));
        submitInjectedForm("/models/guarded/details", null, "description", "changed by a form");
        assertTrue(browser.waitFor(By.className("error-message")).getText().contains("expired"));
        assertEquals(before, state(), "nothing changed");

        browser.open("/models/guarded");
        String token = (String) browser.script("return document.querySelector('meta[name=csrf-token]').content");
        assertEquals(200, post("/models/guarded/details", "_csrf=" + token + "&description=Leave+me+as+I+am&tags=kept"),
                "with its token the same post goes through (and lands on the page)");
    }

    @Test
    void aDescriptionWithScriptAndImageMarkupIsShownAsTextAndRunsNothing() {
        browser.signInAs("viewer");
        browser.open("/?tag=xss");
        assertEquals(HOSTILE, browser.text(By.cssSelector("#models > li[data-model=hostile] .description")));
        assertTrue(browser.findAll(By.cssSelector("#models img, #models script")).isEmpty(), "no element was made");
        assertEquals("undefined", browser.script("return typeof window.pwned"));

        browser.open("/models/hostile");
        assertEquals(HOSTILE, browser.text(By.id("model-description")));
        assertTrue(browser.findAll(By.cssSelector("main img, main script")).isEmpty());
        assertEquals("undefined", browser.script("return typeof window.pwned"));

        browser.open("/?q=" + java.net.URLEncoder.encode("<script>window.pwned=1</script>",
                java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("<script>window.pwned=1</script>", browser.find(By.id("q")).getAttribute("value"),
                "the search is shown back as typed");
        assertEquals("undefined", browser.script("return typeof window.pwned"));
    }

    @Test
    void theCatalogAndModelPagesForbidInlineScriptAndFraming() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/", "/models/guarded", "/sign-in")) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            String policy = answer.headers().firstValue("Content-Security-Policy").orElseThrow(
                    () -> new AssertionError(path + " has no Content-Security-Policy"));
            String scripts = directive(policy, "script-src");
            assertFalse(scripts.isEmpty() || scripts.contains("'unsafe-inline'") || scripts.contains("'unsafe-eval'"),
                    path + ": " + policy);
            assertEquals("frame-ancestors 'none'", directive(policy, "frame-ancestors"), path + ": " + policy);
            assertFalse(answer.body().contains("<script>") || answer.body().matches("(?s).*<[^>]*\\son[a-z]+=.*"),
                    path + " has an inline script or handler of its own");
        }
    }

    /** Sends a form post from the page with fetch, as a script planted in it could; its final status. */
    private static int post(String path, String body) {
        Object status = browser.driver().executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {method: 'POST', body: arguments[1], credentials: 'same-origin',"
                + " headers: {'Content-Type': 'application/x-www-form-urlencoded'}})"
                + ".then(function (r) { done(r.status); }, function (e) { done(String(e)); });", path, body);
        return ((Number) status).intValue();
    }

    /** Adds a form to the page, as injected markup could, and submits it. */
    private static void submitInjectedForm(String action, String token, String field, String value) {
        browser.script("var f = document.createElement('form'); f.method = 'post'; f.action = arguments[0];"
                + "function add(n, v) { var i = document.createElement('input'); i.type = 'hidden'; i.name = n;"
                + " i.value = v; f.appendChild(i); }"
                + "if (arguments[1]) { add('_csrf', arguments[1]); } add(arguments[2], arguments[3]);"
                + "document.body.appendChild(f); f.submit();", action, token, field, value);
    }

    private static List<String> postForms() {
        return browser.findAll(By.cssSelector("form")).stream()
                .filter(f -> "post".equalsIgnoreCase(f.getAttribute("method")))
                .map(f -> URI.create(f.getAttribute("action")).getPath()).toList();
    }

    private static String directive(String policy, String name) {
        return Arrays.stream(policy.split(";")).map(String::strip).filter(d -> d.startsWith(name + " "))
                .findFirst().orElse("");
    }

    /** The models and the guarded model's alias moves, as the API lists them. */
    private static JsonNode state() {
        var state = dev.modeldock.service.Json.MAPPER.createObjectNode();
        state.set("models", server.admin().get("/api/v1/models?limit=500").expect(200).json());
        state.set("aliases", server.admin().get("/api/v1/models/guarded/aliases").expect(200).json());
        return state;
    }
}
