package dev.modeldock.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.testkit.db.DatabaseTest;
import dev.modeldock.testkit.db.TestDatabase;
import java.util.List;
import java.util.Map;

/** The catalog of models: create, find, list with filters and pages, change, delete. */
class ModelsCatalogTest {
    @DatabaseTest
    void aCreatedModelIsFoundWithItsTagsAndNoVersionYet(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Models models = open.registry.models();
            Model created = models.create("minilm-l6", "small English model", List.of("text", "english", "text"),
                    "alice");

            Model found = models.get("minilm-l6");
            assertEquals(created, found);
            assertEquals("small English model", found.description());
            assertEquals(List.of("english", "text"), found.tags(), "sorted, each once");
            assertEquals(0, found.latestVersion());
            assertEquals(Map.of(), found.aliases());
            assertEquals(List.of("model.create"), open.auditActions());
        }
    }

    @DatabaseTest
    void aTakenNameAnUnknownNameAndABadNameAreRefused(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Models models = open.registry.models();
            models.create("e5-base", null, null, "alice");

            ConflictException taken = assertThrows(ConflictException.class,
                    () -> models.create("e5-base", "again", List.of(), "bob"));
            assertTrue(taken.getMessage().contains("already exists"), taken.getMessage());
            assertThrows(NotFoundException.class, () -> models.get("e5-large"));
            assertThrows(ModelDockException.class, () -> models.create("../etc", "", List.of(), "alice"));
            assertThrows(ModelDockException.class, () -> models.create("ok", "", List.of("bad tag"), "alice"));
            assertEquals("", models.get("e5-base").description(), "a missing description is stored empty");
            assertEquals(1, open.count("SELECT COUNT(*) FROM model"));
            assertEquals(List.of("model.create"), open.auditActions(), "refusals leave no audit entry");
        }
    }

    @DatabaseTest
    void theListFiltersByTextTagAndAliasAndPages(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Models models = open.registry.models();
            models.create("bge_small", "BAAI general embedding", List.of("english"), "alice");
            models.create("bgexsmall", "not the one with an underscore", List.of(), "alice");
            models.create("e5-base", "Multilingual E5", List.of("multilingual"), "alice");
            models.create("minilm-l6", "Small and fast", List.of("english", "fast"), "alice");
            open.modelWithVersion("labse");
            open.registry.aliases().set("labse", "production", "1", "alice");

            assertEquals(List.of("bge_small", "bgexsmall", "e5-base", "labse", "minilm-l6"),
                    names(models.list(new ModelQuery(null, null, null, 0, 50))));
            assertEquals(List.of("e5-base"), names(models.list(new ModelQuery("MULTI", null, null, 0, 50))),
                    "the description matches, whatever the case");
            assertEquals(List.of("minilm-l6"), names(models.list(new ModelQuery("mini", null, null, 0, 50))));
            assertEquals(List.of("bge_small"), names(models.list(new ModelQuery("e_s", null, null, 0, 50))),
                    "'_' is a character, not a LIKE wildcard");
            assertEquals(List.of(), names(models.list(new ModelQuery("100%", null, null, 0, 50))));
            assertEquals(List.of("bge_small", "minilm-l6"),
                    names(models.list(new ModelQuery(null, "english", null, 0, 50))));
            assertEquals(List.of("bge_small", "minilm-l6"),
                    names(models.list(new ModelQuery("small", "english", null, 0, 50))), "both filters apply");
            assertEquals(List.of("labse"), names(models.list(new ModelQuery(null, null, "production", 0, 50))));
            assertEquals(List.of(), names(models.list(new ModelQuery(null, null, "candidate", 0, 50))));

            Page<Model> first = models.list(new ModelQuery(null, null, null, 0, 2));
            Page<Model> second = models.list(new ModelQuery(null, null, null, 2, 2));
            Page<Model> last = models.list(new ModelQuery(null, null, null, 4, 2));
            assertEquals(List.of("bge_small", "bgexsmall"), names(first));
            assertEquals(List.of("e5-base", "labse"), names(second));
            assertEquals(List.of("minilm-l6"), names(last));
            assertEquals(List.of(5L, 5L, 5L), List.of(first.total(), second.total(), last.total()));
            Page<Model> english = models.list(new ModelQuery(null, "english", null, 1, 1));
            assertEquals(List.of("minilm-l6"), names(english));
            assertEquals(2, english.total(), "the total counts the filtered models on all pages");
            assertEquals(Map.of("production", 1), models.list(new ModelQuery("labse", null, null, 0, 1)).items()
                    .get(0).aliases());
        }
    }

    @DatabaseTest
    void anUpdateChangesWhatIsGivenAndKeepsTheRest(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Models models = open.registry.models();
            Model created = models.create("minilm-l6", "small", List.of("english"), "alice");

            Model retagged = models.update("minilm-l6", null, List.of("fast", "tiny"), "bob");
            assertEquals("small", retagged.description());
            assertEquals(List.of("fast", "tiny"), retagged.tags());
            Model described = models.update("minilm-l6", "small and fast", null, "bob");
            assertEquals("small and fast", described.description());
            assertEquals(List.of("fast", "tiny"), described.tags());
            assertEquals(created.createdAt(), described.createdAt());
            assertTrue(!described.updatedAt().isBefore(created.updatedAt()));
            assertThrows(NotFoundException.class, () -> models.update("nope", "x", null, "bob"));
            assertEquals(List.of("model.create", "model.update", "model.update"), open.auditActions());
        }
    }

    @DatabaseTest
    void aDeleteIsRefusedWhileADeploymentIsQueuedRunningOrDeployed(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Models models = open.registry.models();
            Deployments deployments = open.registry.deployments();
            open.modelWithVersion("minilm-l6");
            Deployment deployment = deployments.create("minilm-l6", "1", "prod-db", "MINILM", "alice");

            assertDeleteRefused(models, "minilm-l6", "queued");
            deployments.running(deployment.id());
            assertDeleteRefused(models, "minilm-l6", "running");
            deployments.deployed(deployment.id(), "PROD.MINILM");
            assertDeleteRefused(models, "minilm-l6", "deployed");
            assertEquals(1, models.get("minilm-l6").latestVersion(), "a refused delete changes nothing");
            assertEquals(0, open.auditActions().stream().filter("model.delete"::equals).count());
        }
    }

    @DatabaseTest
    void aModelWhoseDeploymentsFailedIsDeletedWithEverythingFiledUnderIt(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Models models = open.registry.models();
            Deployments deployments = open.registry.deployments();
            open.modelWithVersion("minilm-l6");
            models.update("minilm-l6", null, List.of("english"), "alice");
            open.version("minilm-l6", "v2", "alice");
            open.registry.aliases().set("minilm-l6", "production", "2", "alice");
            Deployment deployment = deployments.create("minilm-l6", "production", "prod-db", "MINILM", "alice");
            deployments.running(deployment.id());
            deployments.failed(deployment.id(), "ORA-01017: invalid username/password");
            open.modelWithVersion("e5-base"); // another model, which stays

            models.delete("minilm-l6", "bob");

            assertThrows(NotFoundException.class, () -> models.get("minilm-l6"));
            assertThrows(NotFoundException.class, () -> open.registry.versions().list("minilm-l6"));
            assertEquals(1, open.count("SELECT COUNT(*) FROM model_version"), "e5-base's version stays");
            for (String table : List.of("alias", "alias_move", "deployment", "model_tag")) {
                assertEquals(0, open.count("SELECT COUNT(*) FROM " + table), table);
            }
            assertEquals(1, open.registry.versions().list("e5-base").size());
            AuditEntry last = open.registry.audit(1).get(0);
            assertEquals(List.of("bob", "model.delete", "minilm-l6"), List.of(last.actor(), last.action(),
                    last.subject()));
        }
    }

    @DatabaseTest
    void aChangeWhoseAuditEntryCannotBeWrittenIsUndone(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Models models = open.registry.models();
            String refused = OpenRegistry.actorTheAuditRefuses();
            assertThrows(RuntimeException.class, () -> models.create("minilm-l6", "", List.of("a"), refused));
            assertEquals(0, open.count("SELECT COUNT(*) FROM model"), "the model went with its audit entry");
            assertEquals(0, open.count("SELECT COUNT(*) FROM model_tag"));

            models.create("minilm-l6", "small", List.of("a"), "alice");
            assertThrows(RuntimeException.class, () -> models.update("minilm-l6", "changed", List.of("b"), refused));
            assertEquals("small", models.get("minilm-l6").description());
            assertEquals(List.of("a"), models.get("minilm-l6").tags());
            assertThrows(RuntimeException.class, () -> models.delete("minilm-l6", refused));
            models.get("minilm-l6");
            assertEquals(List.of("model.create"), open.auditActions());
        }
    }

    @DatabaseTest
    void ofClientsCreatingTheSameModelAtOnceOneSucceedsAndTheOthersAreToldItExists(TestDatabase database)
            throws Exception {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            assertEquals(1, Racing.succeeded(8, () -> open.registry.models().create("minilm-l6", "",
                    List.of("a", "b"), "alice")));
            assertEquals(List.of("a", "b"), open.registry.models().get("minilm-l6").tags());
            assertEquals(List.of("model.create"), open.auditActions());
        }
    }

    private static void assertDeleteRefused(Models models, String model, String status) {
        ConflictException e = assertThrows(ConflictException.class, () -> models.delete(model, "alice"), status);
        assertTrue(e.getMessage().contains("prod-db:MINILM"), e.getMessage());
        models.get(model);
    }

    private static List<String> names(Page<Model> page) {
        return page.items().stream().map(Model::name).toList();
    }
}
