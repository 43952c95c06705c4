package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.registry.Role;
import dev.modeldock.testkit.api.ApiClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Any user manages their own API tokens, as on their web UI account page; never someone else's. */
class OwnTokensApiTest {
    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass();

    @Test
    void aUserIssuesListsAndRevokesTheirOwnTokens() {
        ApiClient viewer = server.newUser(Role.VIEWER);
        String name = viewer.get("/api/v1/me").expect(200).json().path("name").asText();

        JsonNode issued = viewer.post("/api/v1/me/tokens", Map.of("label", "laptop")).expect(201).json();
        assertEquals(name, issued.path("user").asText());
        ApiClient laptop = server.as(issued.path("token").asText());
        assertEquals(name, laptop.get("/api/v1/me").expect(200).json().path("name").asText());

        JsonNode tokens = viewer.get("/api/v1/me/tokens").expect(200).json();
        assertEquals(2, tokens.size(), "the admin's token for the tests and the new one: " + tokens);
        JsonNode listed = tokens.findParents("label").stream().filter(t -> t.path("label").asText().equals("laptop"))
                .findFirst().orElseThrow();
        assertFalse(tokens.toString().contains(issued.path("token").asText().substring(4)), "never the token");

        ApiClient other = server.newUser(Role.EDITOR);
        other.delete("/api/v1/me/tokens/" + listed.path("id").asText()).expectError(404, "no token");
        laptop.get("/api/v1/me").expect(200);

        viewer.delete("/api/v1/me/tokens/" + listed.path("id").asText()).expect(204);
        laptop.get("/api/v1/me").expectError(401, "not valid");
    }

    @Test
    void anAnonymousReaderHasNoTokensOfTheirOwn() {
        server.anonymous().get("/api/v1/me/tokens").expectError(401, "token");
        server.anonymous().post("/api/v1/me/tokens", Map.of("label", "x")).expect(401);
    }
}
