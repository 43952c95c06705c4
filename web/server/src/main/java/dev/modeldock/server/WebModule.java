package dev.modeldock.server;

import dev.modeldock.server.auth.Auth;
import dev.modeldock.service.Services;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;

/**
 * Something served beside the REST API by the same server, over the same services: the web UI. It
 * reaches the registry only through {@link Services}, so every rule the API keeps holds for it too.
 */
public interface WebModule {
    /** Settles what Javalin needs before the server is built (static files, say). */
    default void configure(JavalinConfig config) {
    }

    /** Adds the module's routes, filters and error pages, after the API's. */
    void register(Javalin app, Services services, Auth auth);
}
