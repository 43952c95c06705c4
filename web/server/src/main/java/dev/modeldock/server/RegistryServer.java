package dev.modeldock.server;

import dev.modeldock.config.Settings;
import dev.modeldock.host.Extensions;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.OwnerOnlyFile;
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
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;

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
        return start(configure, extensions, settings, out, List.of());
    }

    /**
     * Opens the registry and serves it with the API and {@code modules} (the web UI) beside it.
     *
     * @see #start(Consumer, Extensions, Settings, PrintStream)
     */
    public static RegistryServer start(Consumer<RegistryServerConfig> configure, Extensions extensions,
            Settings settings, PrintStream out, List<WebModule> modules) throws IOException {
        RegistryServerConfig config = new RegistryServerConfig();
        configure.accept(config);
        config.validate();
        checkPortIsFree(config.host, config.port); // before the data folder, the database and the admin exist
        Services services = Services.open(config, extensions, settings, out);
        try {
            RestApi api = new RestApi(services);
            Javalin app = javalin(config, services.workDir(), modules);
            Auth auth = new Auth(services.users(), services.sessions(), config.auth.anonymousRead);
            api.register(app, auth);
            for (WebModule module : modules) {
                module.register(app, services, auth);
            }
            app.start(config.host, config.port);
            return new RegistryServer(services, app, api.endpoints());
        } catch (RuntimeException | IOException e) {
            services.close();
            throw e;
        }
    }

    public int port() {
        return app.port();
    }

    /** The address and port the server listens on, as bound. */
    public InetSocketAddress address() {
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof ServerConnector server && server.getTransport() instanceof ServerSocketChannel channel) {
                try {
                    return (InetSocketAddress) channel.getLocalAddress();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("the server has no open connector");
    }

    /**
     * Fails, in one line naming the port, when something listens on it already. Another process may
     * still take it before the server binds; then the start fails later, after the data folder exists.
     */
    private static void checkPortIsFree(String host, int port) {
        if (port == 0) {
            return;
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new ModelDockException("host '" + host + "' is not an address of this machine");
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as Jetty binds: a port whose old connections linger is free
            probe.bind(address);
        } catch (IOException e) {
            throw new ModelDockException("port " + port + " on " + host + " is not free (" + e.getMessage()
                    + "): stop what listens there or choose another port");
        }
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

    private static Javalin javalin(RegistryServerConfig serverConfig, Path workDir, List<WebModule> modules)
            throws IOException {
        Path uploads = OwnerOnlyFile.folder(workDir.resolve("uploads"));
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
            modules.forEach(module -> module.configure(config));
        });
    }
}
