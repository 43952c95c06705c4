package dev.modeldock.service;

import dev.modeldock.registry.AuditEntry;
import dev.modeldock.registry.AuditQuery;
import dev.modeldock.registry.Page;
import dev.modeldock.registry.Registry;
import java.util.List;

/** The audit log: who did what, to what, when. */
public final class AuditService {
    private final Registry registry;

    AuditService(Registry registry) {
        this.registry = registry;
    }

    /** The latest {@code limit} entries, newest first. */
    public List<AuditEntry> latest(int limit) {
        return registry.audit(limit);
    }

    /** One page of the entries by an actor, of an action, about a subject (each optional), newest first. */
    public Page<AuditEntry> search(AuditQuery query) {
        return registry.audit(query);
    }

    /** The actions the log holds, alphabetically: what the action filter offers. */
    public List<String> actions() {
        return registry.auditActions();
    }
}
