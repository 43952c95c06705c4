package dev.modeldock.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.testkit.db.DatabaseTest;
import dev.modeldock.testkit.db.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit log read a page at a time, filtered by actor, action and words of the subject. */
class AuditLogQueryTest {
    @DatabaseTest
    void entriesAreFilteredByActorActionAndSubjectTextNewestFirstAPageAtATime(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Registry registry = open.registry;
            registry.models().create("minilm", "", List.of(), "alice");
            registry.models().create("bge_small", "", List.of(), "bob");
            registry.models().create("MiniLM-2", "", List.of(), "bob");
            registry.users().create("carol", Role.VIEWER, "alice");

            Page<AuditEntry> all = registry.audit(new AuditQuery(null, null, null, 0, 100));
            assertEquals(4, all.total());
            assertEquals(List.of("MiniLM-2", "bge_small", "minilm"), subjects(registry.audit(
                    new AuditQuery(null, "model.create", null, 0, 100))), "newest first");
            assertEquals(List.of("carol", "minilm"), subjects(registry.audit(new AuditQuery("alice", null, null, 0,
                    100))));
            assertEquals(List.of("MiniLM-2", "minilm"), subjects(registry.audit(new AuditQuery(null, null, "minilm", 0,
                    100))), "subject text matches in any case");
            assertEquals(List.of("MiniLM-2"), subjects(registry.audit(new AuditQuery("bob", "model.create", "mini", 0,
                    100))), "filters combine");
            assertEquals(List.of("bge_small"), subjects(registry.audit(new AuditQuery(null, null, "e_s", 0, 100))),
                    "an underscore is a character, not a wildcard");
            assertEquals(List.of(), subjects(registry.audit(new AuditQuery(null, null, "%", 0, 100))),
                    "a percent sign is a character, not a wildcard");

            Page<AuditEntry> second = registry.audit(new AuditQuery(null, null, null, 1, 2));
            assertEquals(4, second.total());
            assertEquals(List.of("MiniLM-2", "bge_small"), subjects(second));
            assertEquals(List.of("model.create", "user.create"), registry.auditActions());
        }
    }

    @Test
    void aWindowOrFilterNoPageCanHaveIsRefused() {
        assertThrows(ModelDockException.class, () -> new AuditQuery(null, null, null, -1, 10));
        assertThrows(ModelDockException.class, () -> new AuditQuery(null, null, null, 0, Page.MAX_LIMIT + 1));
        ModelDockException tooLong = assertThrows(ModelDockException.class, () -> new AuditQuery(null, null,
                "x".repeat(401), 0, 10));
        assertEquals("field 'subject' is 401 characters long; at most 400 are allowed", tooLong.getMessage());
    }

    private static List<String> subjects(Page<AuditEntry> page) {
        return page.items().stream().map(AuditEntry::subject).toList();
    }
}
