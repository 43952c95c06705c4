package dev.modeldock.server.api;

import dev.modeldock.server.auth.Access;
import dev.modeldock.server.auth.Auth;
import dev.modeldock.service.CatalogService;
import dev.modeldock.service.Services;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/**
 * The REST API under {@code /api/v1} and its description at {@code /openapi.json}: every endpoint,
 * each a translation between HTTP and one service call, registered behind authentication, with the
 * JSON error answers.
 */
public final class RestApi {
    private final List<Endpoint> endpoints;

    public RestApi(Services services) {
        List<Endpoint> all = new ArrayList<>();
        all.addAll(new CatalogRoutes(services.catalog()).endpoints());
        all.addAll(new PluginRoutes(services.plugins()).endpoints());
        all.addAll(new ModelRoutes(services.models()).endpoints());
        all.addAll(new VersionRoutes(services.versions()).endpoints());
        all.addAll(new AliasRoutes(services.aliases()).endpoints());
        all.addAll(new JobRoutes(services.jobs()).endpoints());
        all.addAll(new TargetRoutes(services.targets()).endpoints());
        all.addAll(new DeploymentRoutes(services.deployments()).endpoints());
        all.addAll(new UserRoutes(services.users()).endpoints());
        all.addAll(new AuditRoutes(services.audit()).endpoints());
        List<Endpoint> described = List.copyOf(all);
        CatalogService catalog = services.catalog();
        all.add(Endpoint.get("/openapi.json", Access.PUBLIC, "This description of the API",
                ctx -> ctx.json(OpenApi.describe(described, catalog.version()))));
        this.endpoints = List.copyOf(all);
    }

    /** Every endpoint, as {@code /openapi.json} describes them. */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /**
     * What the API needs of Javalin's Jetty before the server is built: Jetty's own error answers
     * (requests it refuses before Javalin sees them) in the API's JSON form, and room in a
     * multipart form's text fields for the largest {@code metadata} part an upload accepts.
     */
    public static void configure(JavalinConfig config) {
        JettyErrors errors = new JettyErrors();
        config.jetty.modifyServer(server -> server.setErrorHandler(errors));
        config.jetty.modifyServletContextHandler(context -> {
            context.setErrorHandler(errors);
            context.setMaxFormContentSize(UploadForm.MAX_METADATA_BYTES + (1 << 20));
        });
    }

    /** Registers every endpoint on {@code app}, each behind {@code auth}, and the JSON error answers. */
    public void register(Javalin app, Auth auth) {
        for (Endpoint endpoint : endpoints) {
            app.addHttpHandler(HandlerType.valueOf(endpoint.method()), endpoint.path(), ctx -> {
                auth.require(ctx, endpoint.access());
                endpoint.handler().handle(ctx);
            });
        }
        ErrorResponses.install(app);
    }
}
