package dev.modeldock.server.api;

import dev.modeldock.server.auth.Access;
import dev.modeldock.service.AuditService;
import java.util.List;
import java.util.Map;

/** The audit log: who did what, to what, when. */
final class AuditRoutes {
    private final AuditService audit;

    AuditRoutes(AuditService audit) {
        this.audit = audit;
    }

    List<Endpoint> endpoints() {
        return List.of(Endpoint.get("/api/v1/audit", Access.ADMIN, "The latest audit entries, newest first; limit",
                ctx -> ctx.json(audit.latest(Params.integer(ctx, "limit", 100, 1, 1000))))
                .withQuery(Map.of("limit", Schemas.integer("entries, 1 to 1000 (default 100)")))
                .returns(ResponseSchemas.listOf("AuditEntry")));
    }
}
