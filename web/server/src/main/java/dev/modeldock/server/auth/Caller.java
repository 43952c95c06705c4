package dev.modeldock.server.auth;

import dev.modeldock.registry.Role;

/**
 * Who made a request: a user by token, or the anonymous reader.
 *
 * @param name the user's name, recorded in the audit log as the actor
 */
public record Caller(String name, Role role) {
    public static final Caller ANONYMOUS = new Caller("anonymous", Role.VIEWER);

    /** Whether this is the reader without a token, who sees no logs, errors or server paths. */
    public boolean isAnonymous() {
        return this == ANONYMOUS;
    }
}
