package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.testkit.api.ApiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Aliases: movable names for versions, usable wherever a version number is, with every move recorded. */
class AliasesApiTest {
    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass();
    static ApiClient editor;

    @BeforeAll
    static void start() {
        editor = server.newUser(dev.modeldock.registry.Role.EDITOR);
    }

    /** A model with two versions: 1 the regressor, 2 the classifier. */
    private static void twoVersions(String model) {
        server.admin().createModel(model);
        server.admin().upload(model, ServerFixture.regressor(), ServerFixture.REGRESSOR_METADATA);
        server.admin().upload(model, ServerFixture.classifier(), ServerFixture.CLASSIFIER_METADATA);
    }

    @Test
    void anAliasAddressesItsVersionAndFollowsItsMoves() {
        twoVersions("al-move");
        JsonNode set = editor.put("/api/v1/models/al-move/aliases/production", Map.of("version", 1)).expect(200).json();
        assertEquals(1, set.path("number").asInt());
        assertEquals(List.of("production"), ModelsApiTest.strings(set.path("aliases")));
        JsonNode byAlias = server.anonymous().get("/api/v1/models/al-move/versions/production").expect(200).json();
        assertEquals(server.anonymous().get("/api/v1/models/al-move/versions/1").expect(200).json(), byAlias);

        editor.put("/api/v1/models/al-move/aliases/production", Map.of("version", 2)).expect(200);
        assertEquals(2, server.anonymous().get("/api/v1/models/al-move/versions/production").expect(200).json()
                .path("number").asInt());
        assertEquals("classification", server.anonymous().get("/api/v1/models/al-move/versions/production").expect(200)
                .json().path("metadata").path("function").asText());
        assertEquals(2, server.anonymous().get("/api/v1/models/al-move").expect(200).json().path("aliases")
                .path("production").asInt());
        assertTrue(server.anonymous().get("/api/v1/models/al-move/versions/1").expect(200).json().path("aliases")
                .isEmpty());
    }

    @Test
    void anAliasMayBeSetFromAnotherAlias() {
        twoVersions("al-chain");
        editor.put("/api/v1/models/al-chain/aliases/candidate", Map.of("version", 2)).expect(200);
        JsonNode promoted = editor.put("/api/v1/models/al-chain/aliases/production", Map.of("version", "candidate"))
                .expect(200).json();
        assertEquals(2, promoted.path("number").asInt());
        assertEquals(List.of("candidate", "production"), ModelsApiTest.strings(promoted.path("aliases")));
        // A number as a string is a number too.
        assertEquals(1, editor.put("/api/v1/models/al-chain/aliases/candidate", Map.of("version", "1")).expect(200)
                .json().path("number").asInt());
    }

    @Test
    void historyRecordsEveryMoveWithWhoAndWhen() {
        twoVersions("al-history");
        editor.put("/api/v1/models/al-history/aliases/production", Map.of("version", 1)).expect(200);
        editor.put("/api/v1/models/al-history/aliases/production", Map.of("version", 2)).expect(200);
        server.admin().put("/api/v1/models/al-history/aliases/production", Map.of("version", 1)).expect(200);
        editor.delete("/api/v1/models/al-history/aliases/production").expect(204);
        server.anonymous().get("/api/v1/models/al-history/versions/production").expectError(404, "production");

        JsonNode history = server.anonymous().get("/api/v1/models/al-history/aliases").expect(200).json();
        List<String> moves = new ArrayList<>();
        history.forEach(m -> {
            assertEquals("production", m.path("alias").asText());
            assertTrue(m.path("movedAt").isTextual(), m.toString());
            moves.add(m.path("from").asText("-") + ">" + m.path("to").asText("-") + " by "
                    + (m.path("movedBy").asText().equals("admin") ? "admin" : "editor"));
        });
        assertEquals(List.of("->1 by editor", "1>2 by editor", "2>1 by admin", "1>- by editor"), moves);
    }

    @Test
    void settingAnAliasToAVersionItHasIsStillRecorded() {
        twoVersions("al-same");
        editor.put("/api/v1/models/al-same/aliases/stable", Map.of("version", 1)).expect(200);
        editor.put("/api/v1/models/al-same/aliases/stable", Map.of("version", 1)).expect(200);
        assertEquals(2, server.anonymous().get("/api/v1/models/al-same/aliases").expect(200).json().size());
    }

    @Test
    void refusedAliasRequestsChangeNothing() {
        twoVersions("al-bad");
        editor.put("/api/v1/models/al-bad/aliases/production", Map.of("version", 1)).expect(200);
        JsonNode before = server.storedState();
        editor.put("/api/v1/models/al-bad/aliases/production", Map.of("version", 3)).expectError(404, "version 3");
        editor.put("/api/v1/models/al-bad/aliases/production", Map.of("version", "nosuch")).expectError(404, "nosuch");
        editor.put("/api/v1/models/al-bad/aliases/123", Map.of("version", 1)).expectError(400, "alias");
        editor.put("/api/v1/models/al-bad/aliases/production", Map.of("version", true)).expectError(400, "version");
        editor.put("/api/v1/models/al-bad/aliases/production", Map.of("version", List.of(1))).expectError(400, "version");
        editor.put("/api/v1/models/al-bad/aliases/production", "{}").expectError(400, "version");
        editor.put("/api/v1/models/al-bad/aliases/production", Map.of("version", 1.5)).expectError(400, "version");
        editor.put("/api/v1/models/al-nobody/aliases/production", Map.of("version", 1)).expectError(404, "al-nobody");
        editor.delete("/api/v1/models/al-bad/aliases/candidate").expectError(404, "candidate");
        ServerFixture.assertUnchanged(before, server.storedState(), "refused alias requests");
    }
}
