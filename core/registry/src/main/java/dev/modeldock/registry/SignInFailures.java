package dev.modeldock.registry;

import dev.modeldock.plugin.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Failed sign-ins to the web UI, one row per failure and key (a user name or a client address, as
 * the throttle that counts them names it). Kept in the registry so that every server over one
 * database counts every server's failures: a load balancer that spreads an attacker's attempts
 * over N servers does not give them N times the attempts.
 *
 * <p>Keys are stored as their SHA-256 only: a name field can hold anything, a password typed one
 * field too early or a megabyte from a hostile client, and neither should be kept or make rows
 * larger. Failures older than the window are removed whenever a failure is recorded, so the table
 * holds one window's failures without a scheduler.
 */
public final class SignInFailures {
    private final Jdbi jdbi;

    SignInFailures(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A key's failures since some time: how many, and when the oldest of them was (null for none). */
    public record Recent(int count, Instant oldest) {
    }

    /**
     * Records a failure of each key at {@code at}, and removes every key's failures that are
     * {@code window} or more older than {@code at}.
     */
    public void record(List<String> keys, Instant at, Duration window) {
        // Both databases keep microseconds; what is stored is what is read back.
        Instant when = at.truncatedTo(ChronoUnit.MICROS);
        jdbi.useHandle(h -> {
            PreparedBatch insert = h.prepareBatch("INSERT INTO sign_in_failure (key_sha256, failed_at)"
                    + " VALUES (:key, :at)");
            for (String key : keys) {
                insert.bind("key", hash(key)).bind("at", when).add();
            }
            insert.execute();
            h.createUpdate("DELETE FROM sign_in_failure WHERE failed_at <= :cutoff")
                    .bind("cutoff", when.minus(window)).execute();
        });
    }

    /** The key's failures later than {@code since}. */
    public Recent since(String key, Instant since) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*), MIN(failed_at) FROM sign_in_failure"
                        + " WHERE key_sha256 = :key AND failed_at > :since")
                .bind("key", hash(key)).bind("since", since)
                .map((rs, ctx) -> {
                    OffsetDateTime oldest = rs.getObject(2, OffsetDateTime.class);
                    return new Recent(rs.getInt(1), oldest == null ? null : oldest.toInstant());
                })
                .one());
    }

    /** Forgets the key's failures (a user's, once they sign in). */
    public void clear(String key) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM sign_in_failure WHERE key_sha256 = :key")
                .bind("key", hash(key)).execute());
    }

    private static String hash(String key) {
        return Sha256.of(key.getBytes(StandardCharsets.UTF_8));
    }
}
