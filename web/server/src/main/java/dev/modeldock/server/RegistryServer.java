package dev.modeldock.server;

import dev.modeldock.config.Settings;
import dev.modeldock.host.Extensions;
import dev.modeldock.registry.Registry;
import dev.modeldock.server.api.Endpoint;
import dev.modeldock.server.api.RestApi;
import dev.modeldock.server.auth.Auth;
import dev.modeldock.service.Json;
import dev.modeldock.service.Services;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The registry server: the services (database, job runner) and the HTTP API, started together and
 * stopped together. A start first repairs what a crash left behind.
 */
public final class RegistryServer implements AutoCloseable {
    /** Bodies of JSON requests; uploads are multipart and limited separately. */
    private static final long MAX_JSON_BYTES = 10L << 20;

    private final Services services;
    private final Javalin app;
    private final List<Endpoint> endpoints;

    private RegistryServer(Services services, Javalin app, List<Endpoint> endpoints) {
        this.services = services;
        this.app = app;
        this.endpoints = endpoints;
    }

    /**
     * Opens (or creates) the registry and serves it; {@code out} receives the start-up lines.
     *
     * @param configure  sets the options on a {@link RegistryServerConfig} holding the defaults
     * @param extensions the loaded plugins; the caller closes them, after the server
     */
    public static RegistryServer start(Consumer<RegistryServerConfig> configure, Extensions extensions,
            Settings settings, PrintStream out) throws IOException {
        RegistryServerConfig config = new RegistryServerConfig();
        configure.accept(config);
        config.validate();
        Services services = Services.open(config, extensions, settings, out);
        try {
            RestApi api = new RestApi(services);
            Javalin app = javalin(config, services.workDir());
            api.register(app, new Auth(services.users(), config.auth.anonymousRead));
            app.start(config.port);
            return new RegistryServer(services, app, api.endpoints());
        } catch (RuntimeException | IOException e) {
            services.close();
            throw e;
        }
    }

    public int port() {
        return app.port();
    }

    /** The data folder, as an absolute path. */
    public Path dataDir() {
        return services.dataDir();
    }

    /** What the API calls, and a web UI would. */
    public Services services() {
        return services;
    }

    /** The storage under the services, for tests and maintenance. */
    public Registry registry() {
        return services.registry();
    }

    /** Every endpoint the server answers, as {@code /openapi.json} describes them. */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    @Override
    public void close() {
        app.stop();
        services.close();
    }

    private static Javalin javalin(RegistryServerConfig serverConfig, Path workDir) throws IOException {
        Path uploads = Files.createDirectories(workDir.resolve("uploads"));
        return Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.disableCompression(); // artifacts are streamed with exact lengths and byte ranges
            config.http.maxRequestSize = MAX_JSON_BYTES;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            RestApi.configure(config);
            config.jetty.multipartConfig.cacheDirectory(uploads.toString());
            config.jetty.multipartConfig.maxFileSize(serverConfig.uploads.maxBytes, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
            config.jetty.multipartConfig.maxTotalRequestSize(serverConfig.uploads.maxBytes + MAX_JSON_BYTES,
                    SizeUnit.BYTES);
        });
    }
}
