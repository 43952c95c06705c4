package dev.modeldock.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.testkit.api.ApiClient;
import dev.modeldock.testkit.api.ApiResponse;
import dev.modeldock.ui.browser.UiServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A page costs the same number of database round trips however much it shows: no query per model,
 * per version or per deployment (no N+1). Each page is rendered for a small and for a large case and
 * the SQL statements the registry ran are compared.
 */
class PageQueriesTest {
    @RegisterExtension
    static final UiServer server = new UiServer();
    private static Map<String, String> cookie;

    @BeforeAll
    static void aSmallAndALargeModel() {
        ModelFixtures fixtures = new ModelFixtures(server);
        server.createModel("small", "two versions", List.of("few"));
        fixtures.converted("small", 100_000, 0.99999, 8, "editor");
        fixtures.converted("small", 110_000, 0.99998, 8, "editor");
        server.createModel("large", "twelve versions, aliases and deployments", List.of("many", "team", "english"));
        for (int v = 1; v <= 12; v++) {
            fixtures.converted("large", 100_000 + v, 0.99999, 8, "editor");
            if (v % 3 == 0) {
                fixtures.deployed("large", v, "db-" + v, "LARGE_V" + v);
            }
        }
        server.admin().put("/api/v1/models/large/aliases/production", Map.of("version", 9)).expect(200);
        server.admin().put("/api/v1/models/large/aliases/candidate", Map.of("version", 12)).expect(200);
        server.createModel("plain", "an upload, never deployed", List.of());
        fixtures.upload("plain");
        server.createModel("busy", "an upload deployed four times", List.of());
        fixtures.upload("busy");
        for (int d = 1; d <= 4; d++) {
            fixtures.deployed("busy", 1, "db-" + d, "BUSY_" + d);
        }
        for (int i = 0; i < 30; i++) {
            server.createModel(String.format("filler-%02d", i), "fills the first catalog page", List.of("filler"));
        }
        String session = server.server().services().sessions().signIn("viewer", UiServer.PASSWORD.toCharArray(),
                "127.0.0.1").id();
        cookie = Map.of("Cookie", "modeldock_session=" + session);
    }

    @Test
    void theCatalogRunsAsManyStatementsForAFullPageAsForOneModel() {
        long one = statements("/?q=twelve");
        long full = statements("/");
        assertEquals(one, full, "a page of 25 models costs what a page of one does");
    }

    @Test
    void theModelPageRunsAsManyStatementsForTwelveVersionsAsForTwo() {
        assertEquals(statements("/models/small"), statements("/models/large"));
    }

    @Test
    void theVersionPageRunsAsManyStatementsWithDeploymentsAsWithout() {
        assertEquals(statements("/models/plain/versions/1"), statements("/models/busy/versions/1"));
    }

    @Test
    void theDeploymentsPageRunsAsManyStatementsForManyDeploymentsAsForNone() {
        assertEquals(statements("/deployments?model=small"), statements("/deployments?model=large"));
    }

    /**
     * The statements one rendering of {@code path} ran, the least of three: a statement the server runs
     * on its own meanwhile (the job runner, a session's last-seen time) is not the page's.
     */
    private static long statements(String path) {
        ApiClient client = ApiClient.local(server.server().port(), null);
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long before = server.server().registry().statementCount();
            ApiResponse page = client.get(path, cookie);
            long ran = server.server().registry().statementCount() - before;
            assertEquals(200, page.status(), path + ": " + page.text());
            least = Math.min(least, ran);
        }
        assertTrue(least > 0, path + " ran no statement at all: is the count wired?");
        return least;
    }
}
