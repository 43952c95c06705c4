package dev.modeldock.registry;

import dev.modeldock.plugin.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Web UI sessions. A session id is a random secret handed to the browser once, in a cookie; the
 * database keeps only its SHA-256, like API tokens, so its rows open nothing. Sessions end by
 * sign-out, by a password change, or when unused for longer than the idle timeout the caller gives.
 */
public final class Sessions {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How stale {@code last_seen_at} may get before a request writes it again: one write per minute, not per page. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final Jdbi jdbi;

    Sessions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A new session's secrets: the id for the cookie and the CSRF token for its forms. */
    public record Opened(String id, String csrfToken) {
    }

    /** A live session: whose it is and the CSRF token its forms must carry. */
    public record Session(User user, String csrfToken) {
    }

    /** Opens a session for {@code userName}. */
    public Opened open(String userName) {
        String id = random();
        String csrf = random();
        jdbi.useTransaction(h -> {
            long userId = h.createQuery("SELECT id FROM app_user WHERE name = :n").bind("n", userName)
                    .mapTo(Long.class).findOne()
                    .orElseThrow(() -> new NotFoundException("no user named '" + Names.printable(userName) + "'"));
            Instant now = Instant.now();
            h.createUpdate("INSERT INTO ui_session (id_sha256, user_id, csrf_token, created_at, last_seen_at)"
                    + " VALUES (:id, :u, :csrf, :now, :now)").bind("id", hash(id)).bind("u", userId)
                    .bind("csrf", csrf).bind("now", now).execute();
        });
        return new Opened(id, csrf);
    }

    /**
     * The live session with this id, its last use moved to now; empty for an unknown id or one idle
     * for longer than {@code idleTimeout} (which is then removed).
     */
    public Optional<Session> find(String id, Duration idleTimeout) {
        if (id == null || !id.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        String key = hash(id);
        Instant now = Instant.now();
        return jdbi.inTransaction(h -> {
            Optional<Row> row = h.createQuery("SELECT u.name, u.role, u.created_at, s.csrf_token, s.last_seen_at"
                            + " FROM ui_session s JOIN app_user u ON u.id = s.user_id WHERE s.id_sha256 = :id")
                    .bind("id", key)
                    .map((rs, ctx) -> new Row(new User(rs.getString(1), Role.parse(rs.getString(2)),
                            rs.getObject(3, java.time.OffsetDateTime.class).toInstant()), rs.getString(4),
                            rs.getObject(5, java.time.OffsetDateTime.class).toInstant()))
                    .findOne();
            if (row.isEmpty()) {
                return Optional.empty();
            }
            if (row.get().lastSeen().plus(idleTimeout).isBefore(now)) {
                h.createUpdate("DELETE FROM ui_session WHERE id_sha256 = :id").bind("id", key).execute();
                return Optional.empty();
            }
            if (row.get().lastSeen().plus(TOUCH_EVERY).isBefore(now)) {
                h.createUpdate("UPDATE ui_session SET last_seen_at = :now WHERE id_sha256 = :id").bind("now", now)
                        .bind("id", key).execute();
            }
            return Optional.of(new Session(row.get().user(), row.get().csrf()));
        });
    }

    /** Ends the session; an unknown id is already ended. */
    public void close(String id) {
        if (id != null) {
            jdbi.useHandle(h -> h.createUpdate("DELETE FROM ui_session WHERE id_sha256 = :id").bind("id", hash(id))
                    .execute());
        }
    }

    /** Removes sessions idle for longer than {@code idleTimeout}; returns how many. */
    public int sweep(Duration idleTimeout) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM ui_session WHERE last_seen_at < :cutoff")
                .bind("cutoff", Instant.now().minus(idleTimeout)).execute());
    }

    private record Row(User user, String csrf, Instant lastSeen) {
    }

    private static String random() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    private static String hash(String id) {
        return Sha256.of(id.getBytes(StandardCharsets.UTF_8));
    }
}
