package dev.modeldock.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.testkit.db.DatabaseTest;
import dev.modeldock.testkit.db.TestDatabase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Aliases point at versions, move, and go; every move is kept in the alias history. */
class AliasesHistoryTest {
    private static final int MOVERS = 12;

    @DatabaseTest
    void settingMovingAndRemovingAnAliasIsEachRecorded(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Aliases aliases = open.registry.aliases();
            open.modelWithVersion("minilm-l6");
            open.version("minilm-l6", "v2", "alice");
            open.version("minilm-l6", "v3", "alice");

            assertEquals(1, aliases.set("minilm-l6", "production", "1", "alice").number());
            assertEquals(2, aliases.set("minilm-l6", "production", "2", "bob").number());
            assertEquals(2, aliases.set("minilm-l6", "candidate", "production", "bob").number(),
                    "an alias may be set by another alias");
            aliases.set("minilm-l6", "candidate", "3", "carol");
            assertEquals(Map.of("production", 2, "candidate", 3), open.registry.models().get("minilm-l6").aliases());
            assertEquals(List.of("production"), open.registry.versions().get("minilm-l6", "2").aliases());
            aliases.remove("minilm-l6", "production", "carol");

            assertEquals(List.of(
                    move("production", null, 1, "alice"),
                    move("production", 1, 2, "bob"),
                    move("candidate", null, 2, "bob"),
                    move("candidate", 2, 3, "carol"),
                    move("production", 2, null, "carol")),
                    aliases.history("minilm-l6").stream().map(m -> move(m.alias(), m.from(), m.to(), m.movedBy()))
                            .toList());
            assertEquals(Map.of("candidate", 3), open.registry.models().get("minilm-l6").aliases());
            assertThrows(NotFoundException.class, () -> open.registry.versions().get("minilm-l6", "production"));
            assertEquals(3, open.registry.versions().list("minilm-l6").size(), "removing an alias keeps the versions");
            assertEquals(List.of("alias.set", "alias.set", "alias.set", "alias.set", "alias.remove"),
                    open.auditActions().stream().filter(a -> a.startsWith("alias.")).toList());
        }
    }

    @DatabaseTest
    void refusedMovesChangeNothingAndAreNotRecorded(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Aliases aliases = open.registry.aliases();
            open.modelWithVersion("minilm-l6");
            aliases.set("minilm-l6", "production", "1", "alice");

            assertThrows(NotFoundException.class, () -> aliases.set("minilm-l6", "production", "7", "bob"));
            assertThrows(NotFoundException.class, () -> aliases.set("minilm-l6", "candidate", "staging", "bob"));
            assertThrows(NotFoundException.class, () -> aliases.set("e5-base", "production", "1", "bob"));
            assertThrows(NotFoundException.class, () -> aliases.remove("minilm-l6", "candidate", "bob"));
            assertThrows(ModelDockException.class, () -> aliases.set("minilm-l6", "42", "1", "bob"),
                    "an all-digit alias would read as a version number");
            assertThrows(RuntimeException.class, () -> aliases.remove("minilm-l6", "production",
                    OpenRegistry.actorTheAuditRefuses()));

            assertEquals(Map.of("production", 1), open.registry.models().get("minilm-l6").aliases());
            assertEquals(1, aliases.history("minilm-l6").size());
            assertEquals(1, open.auditActions().stream().filter(a -> a.startsWith("alias.")).count());
        }
    }

    @DatabaseTest
    void theHistoryOfEachModelIsItsOwn(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Aliases aliases = open.registry.aliases();
            open.modelWithVersion("minilm-l6");
            open.modelWithVersion("e5-base");
            aliases.set("minilm-l6", "production", "1", "alice");
            aliases.set("e5-base", "production", "1", "bob");

            assertEquals(List.of("alice"), aliases.history("minilm-l6").stream().map(AliasMove::movedBy).toList());
            assertEquals(List.of("bob"), aliases.history("e5-base").stream().map(AliasMove::movedBy).toList());
            assertThrows(NotFoundException.class, () -> aliases.history("labse"));
        }
    }

    @DatabaseTest
    void concurrentMovesOfOneAliasLeaveAnUnbrokenHistory(TestDatabase database) throws Exception {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Aliases aliases = open.registry.aliases();
            open.modelWithVersion("minilm-l6");
            open.version("minilm-l6", "v2", "alice");
            open.version("minilm-l6", "v3", "alice");
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService clients = Executors.newFixedThreadPool(MOVERS);
            try {
                List<Future<Version>> moves = new ArrayList<>();
                for (int i = 0; i < MOVERS; i++) {
                    String target = String.valueOf(1 + i % 3);
                    moves.add(clients.submit(() -> {
                        start.await();
                        return aliases.set("minilm-l6", "production", target, "alice");
                    }));
                }
                start.countDown();
                for (Future<Version> move : moves) {
                    move.get(60, TimeUnit.SECONDS);
                }
            } finally {
                clients.shutdownNow();
            }

            List<AliasMove> history = aliases.history("minilm-l6");
            assertEquals(MOVERS, history.size());
            assertNull(history.get(0).from(), "created once");
            for (int i = 1; i < history.size(); i++) {
                assertEquals(history.get(i - 1).to(), history.get(i).from(), "each move starts where the last ended");
            }
            assertEquals(history.get(MOVERS - 1).to(), open.registry.models().get("minilm-l6").aliases()
                    .get("production"));
        }
    }

    private static List<Object> move(String alias, Integer from, Integer to, String by) {
        return Arrays.asList(alias, from, to, by);
    }
}
