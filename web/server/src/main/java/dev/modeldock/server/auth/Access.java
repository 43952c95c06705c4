package dev.modeldock.server.auth;

import dev.modeldock.registry.Role;

/** Who may call an endpoint. */
public enum Access {
    /** Anyone, always: health and the API description. */
    PUBLIC(null),
    /** Viewers and up; anonymous callers too while anonymous reads are on. */
    READ(Role.VIEWER),
    /** Changes to models, versions and aliases. */
    EDIT(Role.EDITOR),
    /** Deployments. */
    DEPLOY(Role.DEPLOYER),
    /** Targets and users. */
    ADMIN(Role.ADMIN);

    private final Role role;

    Access(Role role) {
        this.role = role;
    }

    /** The least role that passes; null for {@link #PUBLIC}. */
    public Role role() {
        return role;
    }
}
