package dev.modeldock.server;

import dev.modeldock.config.Settings;
import dev.modeldock.host.Extensions;
import dev.modeldock.registry.Registry;
import dev.modeldock.registry.RegistryDatabase;
import dev.modeldock.registry.SecretBox;
import dev.modeldock.service.ConversionJob;
import dev.modeldock.service.DeploymentJob;
import dev.modeldock.service.JobRunner;
import dev.modeldock.service.Json;
import dev.modeldock.service.ScratchSpace;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The registry server: the database, the job runner and the HTTP API, started together and
 * stopped together. A start first repairs what a crash left behind.
 */
public final class RegistryServer implements AutoCloseable {
    /** Bodies of JSON requests; uploads are multipart and limited separately. */
    private static final long MAX_JSON_BYTES = 10L << 20;

    private final RegistryDatabase database;
    private final Registry registry;
    private final JobRunner runner;
    private final Javalin app;
    private final List<Endpoint> endpoints;
    private final Path dataDir;

    private RegistryServer(RegistryDatabase database, Registry registry, JobRunner runner, Javalin app,
            List<Endpoint> endpoints, Path dataDir) {
        this.database = database;
        this.registry = registry;
        this.runner = runner;
        this.app = app;
        this.endpoints = endpoints;
        this.dataDir = dataDir;
    }

    /**
     * Opens (or creates) the registry and serves it; {@code out} receives the start-up lines.
     *
     * @param configure sets the options on a {@link RegistryServerConfig} holding the defaults
     */
    public static RegistryServer start(Consumer<RegistryServerConfig> configure, Extensions extensions,
            Settings settings, PrintStream out) throws IOException {
        RegistryServerConfig config = new RegistryServerConfig();
        configure.accept(config);
        config.validate();
        Path dataDir = Files.createDirectories(config.dataDir.toAbsolutePath());
        Path workDir = dataDir.resolve("work");
        ScratchSpace.clear(workDir); // nothing in it survives a restart
        String url = config.database.url != null ? config.database.url : RegistryDatabase.embeddedUrl(dataDir);
        RegistryDatabase database = RegistryDatabase.open(url, config.database.user, config.database.password);
        try {
            Registry registry = new Registry(database, SecretBox.forDataDir(dataDir, config.secrets.key));
            Registry.Recovery recovery = registry.recover();
            if (recovery.interruptedJobs() + recovery.stagedUploads() + recovery.unreferencedArtifacts() > 0) {
                out.printf("recovered from an earlier stop: %d interrupted job(s) marked failed, %d partial upload(s)"
                        + " and %d unused artifact(s) removed%n", recovery.interruptedJobs(), recovery.stagedUploads(),
                        recovery.unreferencedArtifacts());
            }
            AdminBootstrap.ensureAdmin(registry.users(), config.secrets.adminToken, dataDir, out);
            JobRunner runner = new JobRunner(registry.jobs(), Json.MAPPER, config.jobs.threads,
                    config.jobs.queueCapacity);
            List<Endpoint> endpoints = endpoints(registry, runner, extensions, settings, workDir, database);
            Javalin app = javalin(config, workDir, endpoints, new Auth(registry.users(), config.auth.anonymousRead));
            app.start(config.port);
            return new RegistryServer(database, registry, runner, app, endpoints, dataDir);
        } catch (RuntimeException | IOException e) {
            database.close();
            throw e;
        }
    }

    public int port() {
        return app.port();
    }

    /** The data folder, as an absolute path. */
    public Path dataDir() {
        return dataDir;
    }

    public Registry registry() {
        return registry;
    }

    /** Every endpoint the server answers, as {@code /openapi.json} describes them. */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    @Override
    public void close() {
        app.stop();
        runner.close();
        database.close();
    }

    private static List<Endpoint> endpoints(Registry registry, JobRunner runner, Extensions extensions,
            Settings settings, Path workDir, RegistryDatabase database) {
        List<Endpoint> all = new ArrayList<>();
        all.addAll(new CatalogRoutes(extensions, database).endpoints());
        all.addAll(new ModelRoutes(registry.models()).endpoints());
        all.addAll(new VersionRoutes(registry, runner, new ConversionJob(registry, extensions, settings, workDir),
                new OnnxUpload(registry, extensions, workDir)).endpoints());
        all.addAll(new AliasRoutes(registry.aliases()).endpoints());
        all.addAll(new JobRoutes(registry.jobs()).endpoints());
        all.addAll(new TargetRoutes(registry.targets(), extensions).endpoints());
        all.addAll(new DeploymentRoutes(registry.deployments(), new DeploymentJob(registry, extensions, workDir),
                runner).endpoints());
        all.addAll(new UserRoutes(registry.users()).endpoints());
        all.addAll(new AuditRoutes(registry).endpoints());
        List<Endpoint> described = List.copyOf(all);
        all.add(Endpoint.get("/openapi.json", Access.PUBLIC, "This description of the API",
                ctx -> ctx.json(OpenApi.describe(described))));
        return List.copyOf(all);
    }

    private static Javalin javalin(RegistryServerConfig serverConfig, Path workDir, List<Endpoint> endpoints, Auth auth)
            throws IOException {
        Path uploads = Files.createDirectories(workDir.resolve("uploads"));
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.disableCompression(); // artifacts are streamed with exact lengths and byte ranges
            config.http.maxRequestSize = MAX_JSON_BYTES;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.jetty.multipartConfig.cacheDirectory(uploads.toString());
            config.jetty.multipartConfig.maxFileSize(serverConfig.uploads.maxBytes, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
            config.jetty.multipartConfig.maxTotalRequestSize(serverConfig.uploads.maxBytes + MAX_JSON_BYTES, SizeUnit.BYTES);
        });
        for (Endpoint endpoint : endpoints) {
            app.addHttpHandler(HandlerType.valueOf(endpoint.method()), endpoint.path(), ctx -> {
                auth.require(ctx, endpoint.access());
                endpoint.handler().handle(ctx);
            });
        }
        ErrorResponses.install(app);
        return app;
    }
}
