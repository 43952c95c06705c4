package dev.modeldock.service;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.Sessions;
import dev.modeldock.registry.SignInFailures;
import dev.modeldock.registry.User;
import dev.modeldock.registry.Users;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Signing in to the web UI with a user name and password, and the sessions that follow: opened at
 * sign-in, found by the id in the browser's cookie, ended at sign-out or after the idle timeout.
 * Failed attempts are throttled per user and per client address, across every server over the
 * registry's database.
 */
public final class SessionService {
    /**
     * Token sign-ins name no user; their failures are counted per address under a key no user name
     * can take, so a stranger's wrong tokens lock out only their own address.
     */
    private static final String TOKEN_USER = "\u0000token@";

    private final Users users;
    private final Sessions sessions;
    private final Duration idleTimeout;
    private final SignInThrottle throttle;

    SessionService(Users users, Sessions sessions, SignInFailures failures, Duration idleTimeout, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.idleTimeout = idleTimeout;
        this.throttle = new SignInThrottle(failures, clock);
    }

    /** Sign-in was refused; the message says why, and never whether the user exists. */
    public static final class SignInRefusedException extends ModelDockException {
        private final Instant retryAfter;

        SignInRefusedException(String message, Instant retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        /** When throttled: when the next attempt may be made; null for a wrong name or password. */
        public Instant retryAfter() {
            return retryAfter;
        }
    }

    /**
     * Opens a session for the user when the password is theirs.
     *
     * @param address the client's address, for throttling
     * @throws SignInRefusedException for a wrong name or password, or too many recent failures
     */
    public Sessions.Opened signIn(String name, char[] password, String address) {
        String user = name == null ? "" : name.strip();
        attempt(user, address, () -> Passwords.matches(password, users.passwordHash(user).orElse(null)),
                "the user name or password is wrong");
        throttle.succeeded(user);
        sessions.sweep(idleTimeout); // sessions abandoned without sign-out go when someone next signs in
        return sessions.open(user);
    }

    /**
     * Opens a session for the owner of an API token: how the first admin, who has a token but no
     * password yet, reaches the web UI to set one. Wrong tokens count against the address like
     * wrong passwords.
     *
     * @throws SignInRefusedException for an unknown token, or too many recent failures from the address
     */
    public Sessions.Opened signInWithToken(String token, String address) {
        Optional<User> owner = users.authenticate(token == null ? "" : token.strip());
        attempt(TOKEN_USER + address, address, owner::isPresent, "the API token is not valid");
        sessions.sweep(idleTimeout);
        return sessions.open(owner.get().name());
    }

    /** The live session for a cookie's id; empty when unknown or idle too long. */
    public Optional<Sessions.Session> find(String sessionId) {
        return sessions.find(sessionId, idleTimeout);
    }

    /** Ends the session (sign-out). */
    public void signOut(String sessionId) {
        sessions.close(sessionId);
    }

    /** Whether the user has set a password (a user of API tokens only has not). */
    public boolean hasPassword(String name) {
        return users.passwordHash(name).isPresent();
    }

    /** How long a session lasts unused. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * Sets a user's password (from the command line, by the user, or by an admin) and ends their
     * sessions everywhere.
     */
    public void setPassword(String name, char[] password, String actor) {
        users.setPasswordHash(name, Passwords.hash(password), actor);
    }

    /**
     * A signed-in user's change of their own password: the current one must be theirs (a wrong one
     * counts as a failed sign-in, so the form cannot be used to guess it), then the new one is set,
     * which ends every session of theirs, and a fresh session is opened for the browser that asked.
     * A user without a password yet (signed in with an API token) gives none.
     *
     * @throws SignInRefusedException for a wrong current password, or too many recent failures
     */
    public Sessions.Opened changePassword(String name, char[] current, char[] chosen, String address) {
        attempt(name, address, () -> users.passwordHash(name).map(hash -> Passwords.matches(current, hash))
                .orElse(true), "the current password is wrong; nothing was changed");
        setPassword(name, chosen, name);
        return sessions.open(name);
    }

    /**
     * One throttled attempt to prove who one is: refused while {@code key} or the address has too many
     * recent failures; a failed {@code proof} counts against both and is refused with {@code wrong}.
     */
    private void attempt(String key, String address, BooleanSupplier proof, String wrong) {
        Instant blocked = throttle.blockedUntil(key, address);
        if (blocked != null) {
            throw new SignInRefusedException("too many failed sign-ins; try again after " + blocked, blocked);
        }
        if (!proof.getAsBoolean()) {
            throttle.failed(key, address);
            throw new SignInRefusedException(wrong, null);
        }
    }
}
