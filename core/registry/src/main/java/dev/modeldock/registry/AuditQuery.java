package dev.modeldock.registry;

/**
 * Which audit entries to list, newest first.
 *
 * @param actor   only entries by this user (exact name); null for anyone
 * @param action  only entries of this action ({@code user.create}); null for any
 * @param subject matched, case-insensitively, anywhere in the subject ({@code minilm/2}); null for any
 */
public record AuditQuery(String actor, String action, String subject, int offset, int limit) {
    public AuditQuery {
        Page.checkWindow(offset, limit);
        Limits.check("actor", actor, Limits.USER_NAME);
        Limits.check("action", action, 64);
        Limits.check("subject", subject, 400);
    }
}
