package dev.modeldock.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.testkit.db.DatabaseTest;
import dev.modeldock.testkit.db.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/** Versions are numbered 1, 2, 3… per model, never changed, and found by number or alias. */
class VersionsNumberingTest {
    private static final int CLIENTS = 20;

    @DatabaseTest
    void versionsArePagedOldestFirstAndTellWhichEarlierVersionHoldsTheSameBytes(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            open.registry.models().create("minilm-l6", "", List.of(), "alice");
            open.registry.models().create("e5-base", "", List.of(), "alice");
            open.version("e5-base", "a", "alice");
            for (String text : List.of("a", "b", "a", "a")) {
                open.version("minilm-l6", text, "alice");
            }
            Page<Version> page = open.registry.versions().list("minilm-l6", 1, 2);
            assertEquals(List.of(2, 3), page.items().stream().map(Version::number).toList());
            assertEquals(4, page.total());
            assertEquals(List.of(), open.registry.versions().list("minilm-l6", 4, 2).items());
            assertThrows(NotFoundException.class, () -> open.registry.versions().list("nobody", 0, 2));

            Versions versions = open.registry.versions();
            String a = open.artifact("a");
            assertEquals(OptionalInt.of(1), versions.earliestWithArtifact("minilm-l6", a, 4));
            assertEquals(OptionalInt.empty(), versions.earliestWithArtifact("minilm-l6", a, 1), "only earlier ones");
            assertEquals(OptionalInt.empty(), versions.earliestWithArtifact("minilm-l6", open.artifact("c"), 5));
        }
    }

    @DatabaseTest
    void versionsAreNumberedOneTwoThreePerModel(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            open.registry.models().create("minilm-l6", "", List.of(), "alice");
            open.registry.models().create("e5-base", "", List.of(), "alice");

            assertEquals(1, open.version("minilm-l6", "a", "alice").number());
            assertEquals(2, open.version("minilm-l6", "b", "bob").number());
            assertEquals(1, open.version("e5-base", "a", "alice").number(), "each model counts on its own");
            assertEquals(3, open.version("minilm-l6", "a", "alice").number(), "the same bytes again: a new version");

            assertEquals(List.of(1, 2, 3), open.registry.versions().list("minilm-l6").stream().map(Version::number)
                    .toList());
            assertEquals(3, open.registry.models().get("minilm-l6").latestVersion());
            Version second = open.registry.versions().get("minilm-l6", "2");
            assertEquals("bob", second.createdBy());
            assertEquals(open.artifact("b"), second.artifactSha256());
            assertEquals(1, second.sizeBytes());
            assertEquals("{\"function\": \"embedding\"}", second.metadata(), "JSON kept exactly as given");
            assertEquals(List.of("model.create", "model.create", "version.create", "version.create",
                    "version.create", "version.create"), open.auditActions());
            assertEquals("minilm-l6/2", open.registry.audit(10).get(2).subject());
        }
    }

    @DatabaseTest
    void aVersionStaysAsFiledWhileLaterVersionsAndAliasesComeAndGo(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Version first = open.modelWithVersion("minilm-l6");

            open.version("minilm-l6", "v2", "bob");
            open.registry.aliases().set("minilm-l6", "production", "2", "bob");
            open.registry.aliases().set("minilm-l6", "production", "1", "bob");
            open.registry.aliases().remove("minilm-l6", "production", "bob");
            open.registry.models().update("minilm-l6", "changed", List.of("x"), "bob");

            assertEquals(first, open.registry.versions().get("minilm-l6", "1"));
            assertEquals(open.registry.versions().list("minilm-l6").get(0), first);
        }
    }

    @DatabaseTest
    void aFailedCreateTakesNoNumberAndNoNumberIsGivenTwice(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            open.modelWithVersion("minilm-l6");
            String missing = "0".repeat(64);

            assertThrows(NotFoundException.class, () -> open.registry.versions().create("minilm-l6",
                    OpenRegistry.newVersion(missing), "alice"));
            assertThrows(NotFoundException.class, () -> open.registry.versions().create("nope",
                    OpenRegistry.newVersion(open.artifact("x")), "alice"));
            assertThrows(RuntimeException.class, () -> open.version("minilm-l6", "y",
                    OpenRegistry.actorTheAuditRefuses()));
            assertEquals(1, open.registry.models().get("minilm-l6").latestVersion());

            assertEquals(2, open.version("minilm-l6", "v2", "alice").number(), "no gap after failures");
            // The database itself refuses a second row with a number already given.
            assertThrows(RuntimeException.class, () -> open.database.jdbi().useHandle(h -> h.execute(
                    "INSERT INTO model_version (model_id, number, artifact_sha256, lineage_json, metadata_json,"
                            + " created_by, created_at) SELECT model_id, number, artifact_sha256, lineage_json,"
                            + " metadata_json, created_by, created_at FROM model_version WHERE number = 2")));
            assertEquals(2, open.registry.versions().list("minilm-l6").size());
        }
    }

    @DatabaseTest
    void aVersionIsFoundByNumberOrByAlias(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            open.modelWithVersion("minilm-l6");
            Version second = open.version("minilm-l6", "v2", "alice");
            open.registry.aliases().set("minilm-l6", "production", "2", "alice");

            Version byAlias = open.registry.versions().get("minilm-l6", "production");
            assertEquals(2, byAlias.number());
            assertEquals(second.artifactSha256(), byAlias.artifactSha256());
            assertEquals(List.of("production"), byAlias.aliases());
            assertEquals(List.of(), open.registry.versions().get("minilm-l6", "1").aliases());

            NotFoundException noVersion = assertThrows(NotFoundException.class,
                    () -> open.registry.versions().get("minilm-l6", "3"));
            assertTrue(noVersion.getMessage().contains("no version 3"), noVersion.getMessage());
            NotFoundException noAlias = assertThrows(NotFoundException.class,
                    () -> open.registry.versions().get("minilm-l6", "candidate"));
            assertTrue(noAlias.getMessage().contains("no alias 'candidate'"), noAlias.getMessage());
            assertThrows(NotFoundException.class, () -> open.registry.versions().get("e5-base", "1"));
            assertThrows(ModelDockException.class, () -> open.registry.versions().get("minilm-l6", "../1"));
        }
    }

    @DatabaseTest
    void twentyClientsCreatingVersionsAtOnceGetTwentyConsecutiveNumbers(TestDatabase database) throws Exception {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            open.registry.models().create("minilm-l6", "", List.of(), "alice");
            List<String> artifacts = IntStream.range(0, CLIENTS).mapToObj(i -> open.artifact("bytes " + i)).toList();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<Version>> created = new ArrayList<>();
                for (String sha256 : artifacts) {
                    created.add(clients.submit(() -> {
                        start.await();
                        return open.registry.versions().create("minilm-l6", OpenRegistry.newVersion(sha256), "alice");
                    }));
                }
                start.countDown();
                List<Integer> numbers = new ArrayList<>();
                for (Future<Version> version : created) {
                    numbers.add(version.get(60, TimeUnit.SECONDS).number());
                }

                assertEquals(IntStream.rangeClosed(1, CLIENTS).boxed().toList(), numbers.stream().sorted().toList(),
                        "distinct and consecutive: " + numbers);
            } finally {
                clients.shutdownNow();
            }
            List<Version> stored = open.registry.versions().list("minilm-l6");
            assertEquals(IntStream.rangeClosed(1, CLIENTS).boxed().toList(), stored.stream().map(Version::number)
                    .toList());
            assertEquals(CLIENTS, stored.stream().map(Version::artifactSha256).distinct().count(),
                    "each number went with its own artifact");
            assertEquals(CLIENTS, open.registry.models().get("minilm-l6").latestVersion());
        }
    }
}
