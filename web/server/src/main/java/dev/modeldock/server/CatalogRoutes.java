package dev.modeldock.server;

import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.host.Extensions;
import dev.modeldock.host.ToolVersion;
import dev.modeldock.registry.RegistryDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the server can do: health, configuration templates, preconfigured models, plugins. */
final class CatalogRoutes {
    private final Extensions extensions;
    private final RegistryDatabase database;

    CatalogRoutes(Extensions extensions, RegistryDatabase database) {
        this.extensions = extensions;
        this.database = database;
    }

    List<Endpoint> endpoints() {
        return List.of(
                Endpoint.get("/api/v1/health", Access.PUBLIC, "Whether the server and its database are up (503"
                        + " when the database is not), its version and database", ctx -> {
                    boolean up = database.isReachable();
                    ctx.status(up ? 200 : 503).json(Map.of("status", up ? "ok" : "database unreachable",
                            "version", ToolVersion.current(), "database", database.isPostgres() ? "postgresql" : "h2"));
                }),
                Endpoint.get("/api/v1/templates", Access.READ, "Configuration templates with their properties",
                        ctx -> ctx.json(templates())),
                Endpoint.get("/api/v1/preconfigured", Access.READ, "Preconfigured models with their properties",
                        ctx -> ctx.json(EmbeddingModelConfig.showPreconfigured(true, null).get(0))),
                Endpoint.get("/api/v1/plugins", Access.READ, "Installed plugins: id, version, extensions",
                        ctx -> ctx.json(extensions.describe())));
    }

    private static Map<String, Object> templates() {
        Map<String, Object> templates = new LinkedHashMap<>();
        for (String name : EmbeddingModelConfig.showTemplates()) {
            templates.put(name, EmbeddingModelConfig.fromTemplate(name, Map.of()).toMap());
        }
        return templates;
    }
}
