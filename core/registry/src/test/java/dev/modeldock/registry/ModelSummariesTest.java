package dev.modeldock.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.testkit.db.DatabaseTest;
import dev.modeldock.testkit.db.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The catalog's page of model summaries: latest size, version count, live deployments, filters and orders. */
class ModelSummariesTest {
    @DatabaseTest
    void eachModelComesWithItsLatestSizeVersionCountAliasesAndLiveDeployments(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            open.registry.models().create("e5-base", "Multilingual", List.of("multilingual"), "alice");
            open.version("e5-base", "first", "alice");
            open.version("e5-base", "the second, longer", "alice");
            open.registry.aliases().set("e5-base", "production", "1", "alice");
            deploy(open, "e5-base", "1", "prod-db", "E5");
            deploy(open, "e5-base", "2", "test-db", "E5_NEXT");
            Deployment failed = open.registry.deployments().create("e5-base", "2", "prod-db", "E5_FAILED", "alice");
            open.registry.deployments().failed(failed.id(), "ORA-00001");
            Deployment replaced = deploy(open, "e5-base", "1", "test-db", "E5_OLD");
            deploy(open, "e5-base", "2", "test-db", "E5_OLD"); // takes the name over: the first is replaced
            Deployment drifted = deploy(open, "e5-base", "2", "stage-db", "E5");
            open.registry.deployments().checked(drifted.id(), "{}", true, java.time.Instant.now(), "alice");
            open.registry.models().create("empty", "", List.of(), "alice");

            List<ModelSummary> items = open.registry.summaries().page(new ModelQuery(null, null, null, 0, 10)).items();

            assertEquals(List.of("e5-base", "empty"), items.stream().map(s -> s.model().name()).toList());
            ModelSummary e5 = items.get(0);
            assertEquals(open.registry.models().get("e5-base"), e5.model(), "the same model the models list gives");
            assertEquals(2, e5.versionCount());
            assertEquals(Long.valueOf("the second, longer".getBytes(StandardCharsets.UTF_8).length),
                    e5.latestSizeBytes(), "the latest version's artifact size");
            assertEquals(Map.of("production", 1), e5.model().aliases());
            assertEquals(List.of(new ModelSummary.Placement("prod-db", "E5", 1, "deployed"),
                    new ModelSummary.Placement("stage-db", "E5", 2, "drifted"),
                    new ModelSummary.Placement("test-db", "E5_NEXT", 2, "deployed"),
                    new ModelSummary.Placement("test-db", "E5_OLD", 2, "deployed")), e5.deployedAt(),
                    "live deployments only (not failed, not replaced " + replaced.id() + "), by target and name");
            ModelSummary empty = items.get(1);
            assertEquals(0, empty.versionCount());
            assertNull(empty.latestSizeBytes());
            assertEquals(List.of(), empty.deployedAt());
        }
    }

    @DatabaseTest
    void theSummariesFilterPageAndSortAsTheModelsListDoes(TestDatabase database) throws Exception {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            open.registry.models().create("alpha", "first model", List.of("english"), "alice");
            open.registry.models().create("beta", "second model", List.of("english"), "alice");
            open.registry.models().create("gamma", "third", List.of(), "alice");
            for (int i = 0; i < 3; i++) {
                open.version("gamma", "gamma " + i, "alice");
            }
            open.registry.aliases().set("gamma", "candidate", "2", "alice");
            Thread.sleep(5); // so that each change is later by the clock than the one before
            open.version("alpha", "alpha 1", "alice");
            Thread.sleep(5);
            open.registry.models().update("beta", "second model, changed", null, "alice");

            assertEquals(List.of("alpha", "beta", "gamma"), names(open, new ModelQuery(null, null, null, 0, 10)));
            assertEquals(List.of("beta", "alpha", "gamma"), names(open, new ModelQuery(null, null, null, 0, 10,
                    ModelSort.UPDATED)), "gamma's alias move came before, alpha's version after");
            assertEquals(List.of("gamma", "alpha", "beta"), names(open, new ModelQuery(null, null, null, 0, 10,
                    ModelSort.VERSIONS)), "three versions, one, none");
            assertEquals(List.of("alpha", "beta"), names(open, new ModelQuery("MODEL", "english", null, 0, 10)));
            assertEquals(List.of("gamma"), names(open, new ModelQuery(null, null, "candidate", 0, 10)));
            Page<ModelSummary> second = open.registry.summaries().page(new ModelQuery(null, null, null, 1, 1,
                    ModelSort.VERSIONS));
            assertEquals(List.of("alpha"), second.items().stream().map(s -> s.model().name()).toList());
            assertEquals(3, second.total());
            assertEquals(List.of(), names(open, new ModelQuery(null, "none", null, 0, 10)));
            for (ModelSort sort : ModelSort.values()) {
                assertEquals(names(open, new ModelQuery(null, null, null, 0, 10, sort)),
                        open.registry.models().list(new ModelQuery(null, null, null, 0, 10, sort)).items().stream()
                                .map(Model::name).toList(), "the models list sorts the same by " + sort.id());
            }
        }
    }

    @DatabaseTest
    void anUnknownSortIsRefusedNamingTheSortsThereAre(TestDatabase database) {
        assertEquals(ModelSort.NAME, ModelSort.parse(null));
        assertEquals(ModelSort.VERSIONS, ModelSort.parse("versions"));
        ModelDockException refused = assertThrows(ModelDockException.class, () -> ModelSort.parse("size"));
        assertEquals("sort must be one of name, updated, versions, not 'size'", refused.getMessage());
    }

    private static Deployment deploy(OpenRegistry open, String model, String version, String target, String name) {
        Deployment deployment = open.registry.deployments().create(model, version, target, name, "alice");
        open.registry.deployments().deployed(deployment.id(), target + "." + name);
        return deployment;
    }

    private static List<String> names(OpenRegistry open, ModelQuery query) {
        return open.registry.summaries().page(query).items().stream().map(s -> s.model().name()).toList();
    }
}
