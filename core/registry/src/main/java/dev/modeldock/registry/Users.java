package dev.modeldock.registry;

import dev.modeldock.plugin.Sha256;
import dev.modeldock.registry.internal.Audit;
import dev.modeldock.registry.internal.SqlStates;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

/** Users and their API tokens. Tokens are shown once, when made; only their SHA-256 is stored. */
public final class Users {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "mdk_";

    private final Jdbi jdbi;

    Users(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public User create(String name, Role role, String actor) {
        return createWithToken(name, role, null, null, actor);
    }

    /**
     * Creates a user and, when {@code token} is given, registers it, in one transaction: a crash
     * cannot leave a user that no token opens (how the first admin is made).
     */
    public User createWithToken(String name, Role role, String token, String label, String actor) {
        Names.user(name);
        return jdbi.inTransaction(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM app_user WHERE name = :n").bind("n", name).mapTo(Integer.class)
                    .one() > 0) {
                throw new ConflictException("user '" + name + "' already exists");
            }
            long id;
            try {
                id = h.createUpdate("INSERT INTO app_user (name, role, created_at) VALUES (:n, :r, :now)")
                        .bind("n", name).bind("r", role.id()).bind("now", Instant.now())
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            } catch (StatementException e) {
                if (SqlStates.is(e, SqlStates.UNIQUE_VIOLATION)) { // created by another client since the check
                    throw new ConflictException("user '" + name + "' already exists");
                }
                throw e;
            }
            Audit.record(h, actor, "user.create", name, role.id());
            if (token != null) {
                insertToken(h, id, token, label);
                Audit.record(h, actor, "token.issue", name, label);
            }
            return h.createQuery("SELECT name, role, created_at FROM app_user WHERE id = :id").bind("id", id)
                    .mapTo(User.class).one();
        });
    }

    public User get(String name) {
        return find(name).orElseThrow(() -> new NotFoundException("no user named '" + Names.printable(name) + "'"));
    }

    public Optional<User> find(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT name, role, created_at FROM app_user WHERE name = :n")
                .bind("n", name).mapTo(User.class).findOne());
    }

    public List<User> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT name, role, created_at FROM app_user ORDER BY name")
                .mapTo(User.class).list());
    }

    /**
     * Deletes the user and their tokens.
     *
     * @throws ConflictException when the user is the last admin
     */
    public void delete(String name, String actor) {
        jdbi.useTransaction(h -> {
            keepAnAdmin(h, name, "deleted");
            if (h.createUpdate("DELETE FROM app_user WHERE name = :n").bind("n", name).execute() == 0) {
                throw new NotFoundException("no user named '" + Names.printable(name) + "'");
            }
            Audit.record(h, actor, "user.delete", name, null);
        });
    }

    /**
     * Gives the user another role.
     *
     * @throws ConflictException when the user is the last admin and {@code role} is not admin
     */
    public User setRole(String name, Role role, String actor) {
        return jdbi.inTransaction(h -> {
            if (role != Role.ADMIN) {
                keepAnAdmin(h, name, "made " + role.id());
            }
            if (h.createUpdate("UPDATE app_user SET role = :r WHERE name = :n").bind("r", role.id()).bind("n", name)
                    .execute() == 0) {
                throw new NotFoundException("no user named '" + Names.printable(name) + "'");
            }
            Audit.record(h, actor, "user.role", name, role.id());
            return h.createQuery("SELECT name, role, created_at FROM app_user WHERE name = :n").bind("n", name)
                    .mapTo(User.class).one();
        });
    }

    /**
     * Refuses to let the last admin go, so that someone can still manage users and targets. The
     * admins' rows are locked (in one order, so two callers cannot deadlock) and counted in the
     * transaction that then deletes or demotes: a second caller waits, and on both databases its
     * locking read then sees the first one's change, so two admins removing each other at once
     * cannot both succeed.
     */
    private static void keepAnAdmin(Handle h, String name, String change) {
        List<String> admins = h.createQuery("SELECT name FROM app_user WHERE role = :admin ORDER BY id FOR UPDATE")
                .bind("admin", Role.ADMIN.id()).mapTo(String.class).list();
        if (admins.size() == 1 && admins.get(0).equals(name)) {
            throw new ConflictException("user '" + Names.printable(name) + "' is the last admin and cannot be "
                    + change + "; make another user admin first");
        }
    }

    /** Makes a new token for the user and returns it; this is the only time it is seen. */
    public String issueToken(String name, String label, String actor) {
        return addToken(name, newToken(), label, actor);
    }

    /** A fresh random token, not yet registered to anyone. */
    public static String newToken() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return PREFIX + HexFormat.of().formatHex(secret);
    }

    /** Registers a token chosen outside (the first admin's, from the environment). */
    public String addToken(String name, String token, String label, String actor) {
        return jdbi.inTransaction(h -> {
            long userId = h.createQuery("SELECT id FROM app_user WHERE name = :n").bind("n", name).mapTo(Long.class)
                    .findOne().orElseThrow(() -> new NotFoundException("no user named '" + Names.printable(name) + "'"));
            insertToken(h, userId, token, label);
            Audit.record(h, actor, "token.issue", name, label);
            return token;
        });
    }

    private static void insertToken(Handle h, long userId, String token, String label) {
        h.createUpdate("INSERT INTO api_token (token_sha256, user_id, label, created_at) VALUES (:t, :u, :l, :now)")
                .bind("t", hash(token)).bind("u", userId).bind("l", label == null ? "" : label)
                .bind("now", Instant.now()).execute();
    }

    /** The user a token belongs to, if it is a known token. */
    public Optional<User> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 512) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT u.name, u.role, u.created_at FROM api_token t"
                        + " JOIN app_user u ON u.id = t.user_id WHERE t.token_sha256 = :t").bind("t", hash(token))
                .mapTo(User.class).findOne());
    }

    /**
     * Sets (or, with null, removes) the hash the user signs in to the web UI with, and ends the
     * user's sessions: whoever knew the old password is signed out everywhere.
     */
    public void setPasswordHash(String name, String passwordHash, String actor) {
        jdbi.useTransaction(h -> {
            if (h.createUpdate("UPDATE app_user SET password_hash = :p WHERE name = :n").bind("p", passwordHash)
                    .bind("n", name).execute() == 0) {
                throw new NotFoundException("no user named '" + Names.printable(name) + "'");
            }
            h.createUpdate("DELETE FROM ui_session WHERE user_id = (SELECT id FROM app_user WHERE name = :n)")
                    .bind("n", name).execute();
            Audit.record(h, actor, passwordHash == null ? "password.remove" : "password.set", name, null);
        });
    }

    /** The user's password hash; empty for an unknown user or one without a password. */
    public Optional<String> passwordHash(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT password_hash FROM app_user WHERE name = :n")
                .bind("n", name).mapTo(String.class).findOne());
    }

    /** The user's API tokens, newest first: what each is for, never the token. */
    public List<ApiToken> tokens(String name) {
        get(name);
        return jdbi.withHandle(h -> h.createQuery("SELECT SUBSTRING(t.token_sha256, 1, " + ApiToken.ID_LENGTH
                        + ") AS id, t.label, t.created_at FROM api_token t JOIN app_user u ON u.id = t.user_id"
                        + " WHERE u.name = :n ORDER BY t.created_at DESC").bind("n", name)
                .mapTo(ApiToken.class).list());
    }

    /** Revokes one of the user's tokens by its {@link ApiToken#id()}. */
    public void revokeToken(String name, String tokenId, String actor) {
        if (tokenId == null || !tokenId.matches("[0-9a-f]{" + ApiToken.ID_LENGTH + "}")) {
            throw new NotFoundException("no token '" + Names.printable(String.valueOf(tokenId)) + "' for user '"
                    + Names.printable(name) + "'");
        }
        jdbi.useTransaction(h -> {
            int removed = h.createUpdate("DELETE FROM api_token WHERE token_sha256 LIKE :id AND user_id ="
                    + " (SELECT id FROM app_user WHERE name = :n)").bind("id", tokenId + "%").bind("n", name).execute();
            if (removed == 0) {
                throw new NotFoundException("no token '" + tokenId + "' for user '" + Names.printable(name) + "'");
            }
            Audit.record(h, actor, "token.revoke", name, tokenId);
        });
    }

    public boolean anyAdmin() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM app_user WHERE role = 'admin'")
                .mapTo(Integer.class).one() > 0);
    }

    private static String hash(String token) {
        return Sha256.of(token.getBytes(StandardCharsets.UTF_8));
    }
}
