package dev.modeldock.ui.http;

import dev.modeldock.server.auth.Access;
import dev.modeldock.server.auth.Caller;

/**
 * Who looks at a page: a signed-in user with their session's CSRF token, or the anonymous reader
 * (no token; may only read, and only where the server allows anonymous reads).
 */
public record Viewer(Caller caller, String csrfToken) {
    public static Viewer anonymous() {
        return new Viewer(Caller.ANONYMOUS, "");
    }

    public boolean signedIn() {
        return !caller.isAnonymous();
    }

    public String name() {
        return caller.name();
    }

    /** Whether the viewer's role allows {@code access}: a page shows only the controls this allows. */
    public boolean can(Access access) {
        if (access == Access.PUBLIC) {
            return true;
        }
        if (!signedIn()) {
            return access == Access.READ;
        }
        return caller.role().includes(access.role());
    }

    public boolean canEdit() {
        return can(Access.EDIT);
    }

    public boolean canDeploy() {
        return can(Access.DEPLOY);
    }

    public boolean isAdmin() {
        return can(Access.ADMIN);
    }
}
