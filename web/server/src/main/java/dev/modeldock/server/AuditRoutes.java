package dev.modeldock.server;

import dev.modeldock.registry.Registry;
import java.util.List;

/** The audit log: who did what, to what, when. */
final class AuditRoutes {
    private final Registry registry;

    AuditRoutes(Registry registry) {
        this.registry = registry;
    }

    List<Endpoint> endpoints() {
        return List.of(Endpoint.get("/api/v1/audit", Access.ADMIN, "The latest audit entries, newest first; limit",
                ctx -> ctx.json(registry.audit(Params.integer(ctx, "limit", 100, 1, 1000)))));
    }
}
