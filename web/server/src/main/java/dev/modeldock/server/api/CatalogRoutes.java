package dev.modeldock.server.api;

import dev.modeldock.server.auth.Access;
import dev.modeldock.service.CatalogService;
import java.util.List;
import java.util.Map;

/** What the server can do: health, configuration templates, preconfigured models (plugins: {@link PluginRoutes}). */
final class CatalogRoutes {
    private final CatalogService catalog;

    CatalogRoutes(CatalogService catalog) {
        this.catalog = catalog;
    }

    List<Endpoint> endpoints() {
        return List.of(
                Endpoint.get("/api/v1/health", Access.PUBLIC, "Whether the server and its database are up (503"
                        + " when the database is not), its version and database", ctx -> {
                    CatalogService.Health health = catalog.health();
                    ctx.status(health.up() ? 200 : 503).json(Map.of("status", health.up() ? "ok"
                            : "database unreachable", "version", health.version(), "database", health.database()));
                }).returns(ResponseSchemas.ref("Health")),
                Endpoint.get("/api/v1/templates", Access.READ, "Configuration templates with their properties",
                        ctx -> ctx.json(catalog.templates())).returns(ResponseSchemas.ref("Configurations")),
                Endpoint.get("/api/v1/preconfigured", Access.READ, "Preconfigured models with their properties",
                        ctx -> ctx.json(catalog.preconfigured())).returns(ResponseSchemas.ref("Configurations")));
    }
}
