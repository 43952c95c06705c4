package dev.modeldock.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.modeldock.testkit.db.DatabaseTest;
import dev.modeldock.testkit.db.TestDatabase;
import java.time.Duration;
import java.time.Instant;

/** Instants go into the registry's timestamp columns and come back unchanged, whatever the time zone. */
class TimestampsTest {
    /** 02:30:00.123456 in Berlin on the night the clocks went back: the second time that hour came round. */
    private static final Instant IN_THE_REPEATED_HOUR = Instant.parse("2021-10-31T01:30:00.123456Z");

    @DatabaseTest
    void anInstantInTheHourAClockChangeRepeatsIsStoredAsItWas(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Instant readBack = open.database.jdbi().withHandle(h -> {
                // An H2 session takes the JVM's time zone: here, that of a server in Germany.
                h.execute("SET TIME ZONE 'Europe/Berlin'");
                try {
                    h.createUpdate("INSERT INTO audit (at, actor, action, subject)"
                            + " VALUES (:at, 'test', 'probe', 'clock')").bind("at", IN_THE_REPEATED_HOUR).execute();
                    return h.createQuery("SELECT at FROM audit").mapTo(Instant.class).one();
                } finally {
                    h.execute("SET TIME ZONE LOCAL");
                }
            });
            assertEquals(IN_THE_REPEATED_HOUR, readBack);
            assertEquals(IN_THE_REPEATED_HOUR, open.registry.audit(1).get(0).at());
        }
    }

    @DatabaseTest
    void aNullInstantIsStoredAsNull(TestDatabase database) {
        try (OpenRegistry open = OpenRegistry.on(database)) {
            Job job = open.registry.jobs().create("conversion", null, "{}", "alice");
            open.registry.jobs().claim("server-a", Duration.ofMinutes(1));
            open.database.jdbi().useHandle(h -> h.createUpdate("UPDATE job SET started_at = :at WHERE id = :id")
                    .bindByType("at", null, Instant.class).bind("id", job.id()).execute());
            assertNull(open.registry.jobs().get(job.id()).startedAt());
        }
    }
}
