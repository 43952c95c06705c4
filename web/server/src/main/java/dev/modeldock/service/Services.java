package dev.modeldock.service;

import dev.modeldock.config.Settings;
import dev.modeldock.host.Extensions;
import dev.modeldock.objectstore.S3ObjectStore;
import dev.modeldock.objectstore.S3Settings;
import dev.modeldock.registry.ArtifactStore;
import dev.modeldock.registry.DatabaseArtifacts;
import dev.modeldock.registry.ObjectStore;
import dev.modeldock.registry.ObjectStoreArtifacts;
import dev.modeldock.registry.OwnerOnlyFile;
import dev.modeldock.registry.Registry;
import dev.modeldock.registry.RegistryDatabase;
import dev.modeldock.registry.SecretBox;
import dev.modeldock.registry.ServerNode;
import dev.modeldock.service.isolation.ChildLimits;
import dev.modeldock.service.isolation.IsolatedRuntime;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The application over one registry: every service the HTTP API (and a web UI) calls, the job
 * runner they share, and the registry they keep their state in. Opening repairs what a crash left
 * behind; closing stops the jobs and closes the database.
 */
public final class Services implements AutoCloseable {
    private final Path dataDir;
    private final Path workDir;
    private final RegistryDatabase database;
    /** The object store artifacts are kept in; null when they are kept in the database. */
    private final ObjectStore objects;
    private final Registry registry;
    private final JobRunner runner;
    private final IsolatedRuntime isolated;
    private final CatalogService catalog;
    private final ModelService models;
    private final AliasService aliases;
    private final VersionService versions;
    private final JobService jobs;
    private final TargetService targets;
    private final DeploymentService deployments;
    private final UserService users;
    private final SessionService sessions;
    private final AuditService audit;
    private final PlaygroundService playground;
    private final PluginService plugins;
    private final Heartbeat heartbeat;

    private Services(Path dataDir, Path workDir, RegistryDatabase database, ObjectStore objects, Registry registry,
            JobRunner runner, Heartbeat heartbeat, IsolatedRuntime isolated, PluginService plugins,
            HubSources sources,
            TargetSettings targetSettings, Duration sessionIdleTimeout) {
        Extensions extensions = plugins.extensions();
        this.dataDir = dataDir;
        this.workDir = workDir;
        this.database = database;
        this.objects = objects;
        this.registry = registry;
        this.runner = runner;
        this.heartbeat = heartbeat;
        this.isolated = isolated;
        this.catalog = new CatalogService(extensions, database);
        this.models = new ModelService(registry.models(), registry.summaries());
        this.aliases = new AliasService(registry.aliases());
        this.versions = new VersionService(registry, runner, new ConversionJob(registry, extensions, sources, isolated),
                new OnnxUpload(registry, extensions, isolated, workDir));
        this.jobs = new JobService(registry.jobs());
        this.targets = new TargetService(registry.targets(), extensions, targetSettings);
        DeploymentJob deploymentJob = new DeploymentJob(registry, extensions, targetSettings, workDir);
        this.deployments = new DeploymentService(registry.deployments(), deploymentJob, runner,
                new DeploymentPreflight(registry, deploymentJob, workDir));
        this.users = new UserService(registry.users());
        this.sessions = new SessionService(registry.users(), registry.sessions(), registry.signInFailures(),
                sessionIdleTimeout, Clock.systemUTC());
        this.audit = new AuditService(registry);
        this.playground = new PlaygroundService(registry, isolated, workDir.resolve("playground"));
        this.plugins = plugins;
    }

    /**
     * Opens (or creates) the registry the config names, repairs what an earlier stop left (jobs it
     * was running, partial uploads, unused artifacts), makes sure someone can administer it, and
     * starts the job runner. {@code out} receives what a person starting it should read.
     *
     * @param extensions the loaded plugins: their folders and disabled ones, to which the services add the
     *                   server's own ({@link PluginService}); the caller closes them, after these services
     */
    public static Services open(ServiceConfig config, Extensions extensions, Settings settings, PrintStream out)
            throws IOException {
        config.validate();
        Path dataDir = OwnerOnlyFile.folder(config.dataDir);
        Path workDir = dataDir.resolve("work");
        ScratchSpace.clear(workDir); // nothing in it survives a restart
        OwnerOnlyFile.folder(workDir);
        // The default lies in the data folder, owner-only like the rest of it; a folder given is left as it is.
        TargetFolder targetFolder = new TargetFolder(config.targetsDir != null ? config.targetsDir
                : OwnerOnlyFile.folder(dataDir.resolve("targets")));
        String url = config.database.url != null ? config.database.url : RegistryDatabase.embeddedUrl(dataDir);
        RegistryDatabase database = RegistryDatabase.open(url, config.database.user, config.database.password);
        PluginService plugins = null;
        JobRunner runner = null;
        Heartbeat heartbeat = null;
        ObjectStore objects = null;
        try {
            restrictFiles(dataDir); // H2 makes its files as the process's umask says
            objects = openObjectStore(config.artifacts, out);
            String serverId = ServerNode.newId();
            ArtifactStore artifacts = objects == null ? new DatabaseArtifacts(database, serverId)
                    : new ObjectStoreArtifacts(database, objects, serverId);
            Registry registry = new Registry(database, SecretBox.forDataDir(dataDir, config.secrets.key), serverId,
                    artifacts);
            // The embedded database is this process's alone (H2 locks its file): whatever a server listed
            // in it was doing, it stopped. Over a shared database only servers past their lease have.
            Registry.Recovery recovery = config.database.url == null ? registry.recoverExclusive()
                    : registry.recover(config.jobs.lease);
            if (!recovery.isEmpty()) {
                out.printf("recovered from an earlier stop: %d interrupted job(s) marked failed, %d partial upload(s)"
                        + " and %d unused artifact(s) removed%n", recovery.interruptedJobs(), recovery.stagedUploads(),
                        recovery.unreferencedArtifacts());
            }
            AdminBootstrap.ensureAdmin(registry.users(), config.secrets.adminToken, dataDir, out);
            runner = new JobRunner(registry, Json.MAPPER, config.jobs.run ? config.jobs.threads : 0,
                    config.jobs.queueCapacity, config.jobs.lease);
            plugins = PluginService.open(extensions, dataDir, workDir.resolve("plugin-uploads"),
                    config.plugins.limits(), registry);
            ServiceConfig.IsolationConfig limits = config.isolation;
            IsolatedRuntime isolated = new IsolatedRuntime(workDir.resolve("isolation"),
                    plugins.extensions()::sources,
                    new ChildLimits(limits.heapMb, limits.memoryMb, limits.loadCheckTimeout),
                    new ChildLimits(limits.heapMb, limits.memoryMb, limits.conversionTimeout));
            HubSources sources = new HubSources(settings, config.hub, sourceRoots(config, settings, dataDir));
            heartbeat = Heartbeat.start(registry, config.jobs.lease, config.jobs.run, config.servesHttp);
            Services services = new Services(dataDir, workDir, database, objects, registry, runner, heartbeat,
                    isolated, plugins, sources, new TargetSettings(targetFolder), config.sessions.idleTimeout);
            runner.start(); // after the services, which register the kinds of jobs it runs
            return services;
        } catch (RuntimeException | IOException e) {
            if (runner != null) {
                runner.close();
            }
            if (heartbeat != null) {
                heartbeat.close();
            }
            if (plugins != null) {
                plugins.close();
            }
            if (objects != null) {
                objects.close();
            }
            database.close();
            throw e;
        }
    }

    /** The object store the config names, checked to be reachable; null for artifacts in the database. */
    private static ObjectStore openObjectStore(ServiceConfig.ArtifactStoreConfig config, PrintStream out) {
        if (config.location == null) {
            return null;
        }
        S3Settings settings = S3Settings.resolve(config.location, config.endpoint, config.credentialsFile,
                config.environment);
        S3ObjectStore store = S3ObjectStore.open(settings);
        out.println("artifacts in " + settings.location() + " at " + settings.endpointName());
        return store;
    }

    /** The roots configured, or the defaults: the model cache and {@code DATA_DIR/sources}, made here if missing. */
    private static SourceRoots sourceRoots(ServiceConfig config, Settings settings, Path dataDir) throws IOException {
        if (!config.sourceRoots.isEmpty()) {
            return new SourceRoots(config.sourceRoots);
        }
        return new SourceRoots(List.of(settings.cacheDir(), OwnerOnlyFile.folder(dataDir.resolve("sources"))));
    }

    /** Makes the files directly in the data folder (the embedded database's among them) owner-only. */
    private static void restrictFiles(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                OwnerOnlyFile.restrict(file);
            }
        }
    }

    public CatalogService catalog() {
        return catalog;
    }

    public ModelService models() {
        return models;
    }

    public AliasService aliases() {
        return aliases;
    }

    public VersionService versions() {
        return versions;
    }

    public JobService jobs() {
        return jobs;
    }

    public TargetService targets() {
        return targets;
    }

    public DeploymentService deployments() {
        return deployments;
    }

    public UserService users() {
        return users;
    }

    /** Web UI sign-in, passwords and sessions. */
    public SessionService sessions() {
        return sessions;
    }

    public AuditService audit() {
        return audit;
    }

    /** Texts embedded with a version's pipeline, in the isolated runtime. */
    public PlaygroundService playground() {
        return playground;
    }

    /** Plugins: listed, installed, disabled, enabled and removed by an admin while the server runs. */
    public PluginService plugins() {
        return plugins;
    }

    /** The data folder, as an absolute path. */
    public Path dataDir() {
        return dataDir;
    }

    /** Scratch space under the data folder, emptied at every start: jobs' files, spooled uploads. */
    public Path workDir() {
        return workDir;
    }

    /** The storage under the services, for tests and maintenance; callers of the application use the services. */
    public Registry registry() {
        return registry;
    }

    /**
     * Stops taking jobs (running ones, their child processes killed, are marked failed), leaves the
     * list of running servers, ends the load-check worker and closes the database.
     */
    @Override
    public void close() {
        runner.close();
        heartbeat.close(); // after the jobs: until they are failed, this server still owns them
        isolated.close();
        plugins.close(); // after the jobs, which use the plugins until they stop
        if (objects != null) {
            objects.close();
        }
        database.close();
    }
}
