package dev.modeldock.service;

import dev.modeldock.registry.AuditEntry;
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
}
