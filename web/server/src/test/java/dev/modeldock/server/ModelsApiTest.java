package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.testkit.api.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The catalog's models: create, read, list with filters and paging, change, delete. */
class ModelsApiTest {
    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass();

    @Test
    void createdModelIsReadBackWithLocation() {
        ApiResponse created = server.admin().post("/api/v1/models", Map.of("name", "crud-minilm",
                "description", "Sentence embeddings for search", "tags", List.of("text", "english"))).expect(201);
        assertEquals("/api/v1/models/crud-minilm", created.header("Location"));
        JsonNode model = server.anonymous().get("/api/v1/models/crud-minilm").expect(200).json();
        assertEquals("crud-minilm", model.path("name").asText());
        assertEquals("Sentence embeddings for search", model.path("description").asText());
        assertEquals(List.of("english", "text"), strings(model.path("tags")));
        assertTrue(model.path("latestVersion").isNull(), model.toString());
        assertTrue(model.path("aliases").isObject() && model.path("aliases").isEmpty(), model.toString());
    }

    @Test
    void aTakenNameIsAConflict() {
        server.admin().createModel("crud-taken");
        server.admin().post("/api/v1/models", Map.of("name", "crud-taken")).expectError(409, "already exists");
    }

    @Test
    void patchChangesOnlyWhatItGives() {
        server.admin().post("/api/v1/models", Map.of("name", "crud-patch", "description", "before",
                "tags", List.of("a"))).expect(201);
        JsonNode changed = server.admin().patch("/api/v1/models/crud-patch", Map.of("tags", List.of("b", "c")))
                .expect(200).json();
        assertEquals("before", changed.path("description").asText());
        assertEquals(List.of("b", "c"), strings(changed.path("tags")));
        changed = server.admin().patch("/api/v1/models/crud-patch", Map.of("description", "after")).expect(200).json();
        assertEquals("after", changed.path("description").asText());
        assertEquals(List.of("b", "c"), strings(changed.path("tags")));
        assertEquals(changed, server.admin().get("/api/v1/models/crud-patch").expect(200).json());
    }

    @Test
    void deleteRemovesTheModelAndItsVersions() {
        server.admin().createModel("crud-delete");
        server.admin().upload("crud-delete", ServerFixture.regressor(), ServerFixture.REGRESSOR_METADATA);
        server.admin().delete("/api/v1/models/crud-delete").expect(204);
        server.admin().get("/api/v1/models/crud-delete").expectError(404, "crud-delete");
        server.admin().get("/api/v1/models/crud-delete/versions").expectError(404, "crud-delete");
        server.admin().get("/api/v1/models/crud-delete/versions/1").expectError(404, "crud-delete");
        server.admin().delete("/api/v1/models/crud-delete").expectError(404, "crud-delete");
    }

    @Test
    void listFiltersByTextTagAndAliasAndPages() {
        for (int i = 1; i <= 5; i++) {
            server.admin().post("/api/v1/models", Map.of("name", "list-m" + i, "description", i % 2 == 0 ? "Even one"
                    : "odd one", "tags", i <= 2 ? List.of("list-small") : List.of("list-big"))).expect(201);
        }
        server.admin().upload("list-m3", ServerFixture.regressor(), ServerFixture.REGRESSOR_METADATA);
        server.admin().put("/api/v1/models/list-m3/aliases/listprod", Map.of("version", 1)).expect(200);

        assertEquals(List.of("list-m2", "list-m4"), names(server.anonymous().get("/api/v1/models?q=EVEN")));
        assertEquals(List.of("list-m1", "list-m2"), names(server.anonymous().get("/api/v1/models?tag=list-small")));
        assertEquals(List.of("list-m3"), names(server.anonymous().get("/api/v1/models?alias=listprod")));
        assertEquals(List.of("list-m3"), names(server.anonymous().get("/api/v1/models?q=list-m&tag=list-big"
                + "&alias=listprod")));

        JsonNode first = server.anonymous().get("/api/v1/models?q=list-m&limit=2").expect(200).json();
        assertEquals(5, first.path("total").asInt());
        assertEquals(2, first.path("limit").asInt());
        assertEquals(List.of("list-m1", "list-m2"), names(first));
        JsonNode last = server.anonymous().get("/api/v1/models?q=list-m&limit=2&offset=4").expect(200).json();
        assertEquals(List.of("list-m5"), names(last));
        assertEquals(4, last.path("offset").asInt());
        assertEquals(1, last.path("items").path(0).path("latestVersion").isNull() ? 1 : 0);
        JsonNode m3 = server.anonymous().get("/api/v1/models?alias=listprod").expect(200).json().path("items").path(0);
        assertEquals(1, m3.path("latestVersion").asInt());
        assertEquals(1, m3.path("aliases").path("listprod").asInt());
    }

    @Test
    void listSortsByNameRecentChangeOrVersionCountAndRefusesAnUnknownSort() {
        for (String name : List.of("sort-a", "sort-b", "sort-c")) {
            server.admin().createModel(name);
        }
        server.admin().upload("sort-b", ServerFixture.regressor(), ServerFixture.REGRESSOR_METADATA);
        server.admin().upload("sort-b", ServerFixture.classifier(), ServerFixture.CLASSIFIER_METADATA);
        server.admin().upload("sort-c", ServerFixture.regressor(), ServerFixture.REGRESSOR_METADATA);
        server.admin().patch("/api/v1/models/sort-a", Map.of("description", "changed last")).expect(200);

        assertEquals(List.of("sort-a", "sort-b", "sort-c"), names(server.anonymous().get("/api/v1/models?q=sort-")));
        assertEquals(List.of("sort-a", "sort-b", "sort-c"), names(server.anonymous().get(
                "/api/v1/models?q=sort-&sort=name")));
        assertEquals(List.of("sort-a", "sort-c", "sort-b"), names(server.anonymous().get(
                "/api/v1/models?q=sort-&sort=updated")));
        assertEquals(List.of("sort-b", "sort-c", "sort-a"), names(server.anonymous().get(
                "/api/v1/models?q=sort-&sort=versions")));
        server.anonymous().get("/api/v1/models?sort=size").expectError(400, "sort must be one of name, updated,"
                + " versions");
    }

    @Test
    void textFilterTakesLikeWildcardsLiterally() {
        server.admin().createModel("wild_card");
        server.admin().createModel("wildxcard");
        assertEquals(List.of("wild_card"), names(server.anonymous().get("/api/v1/models?q=wild_")));
        assertEquals(List.of(), names(server.anonymous().get("/api/v1/models?q=wild%25card")));
    }

    @Test
    void badPagingIsRefused() {
        server.anonymous().get("/api/v1/models?limit=0").expectError(400, "limit");
        server.anonymous().get("/api/v1/models?limit=100000").expectError(400, "limit");
        server.anonymous().get("/api/v1/models?offset=-1").expectError(400, "offset");
        server.anonymous().get("/api/v1/models?limit=ten").expectError(400, "limit");
    }

    static List<String> names(ApiResponse response) {
        return names(response.expect(200).json());
    }

    static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("items").forEach(m -> names.add(m.path("name").asText()));
        return names;
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
