package dev.modeldock.cli;

import dev.modeldock.config.Settings;
import dev.modeldock.host.Extensions;
import dev.modeldock.registry.SecretBox;
import dev.modeldock.server.RegistryServer;
import dev.modeldock.server.RegistryServerConfig;
import dev.modeldock.service.Services;
import dev.modeldock.service.ServiceConfig.IsolationConfig;
import dev.modeldock.service.ServiceConfig.JobConfig;
import dev.modeldock.service.ServiceConfig.SessionConfig;
import dev.modeldock.ui.WebUi;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code serve}: runs the registry server until it is stopped (Ctrl-C, SIGTERM). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Runs the registry server: REST API under /api/v1, description at /openapi.json.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to listen on (default "
            + RegistryServerConfig.DEFAULT_HOST + ", this machine only; 0.0.0.0 for every interface, a team server).")
    String host;

    @Option(names = "--port", paramLabel = "PORT",
            description = "HTTP port (default " + RegistryServerConfig.DEFAULT_PORT + "; 0 for any).")
    Integer port;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Database, keys and scratch space (default ~/.modeldock).")
    Path dataDir;

    @Option(names = "--targets-dir", paramLabel = "DIR", description = "The folder files named by target settings"
            + " (output_dir, profile, password_file) must lie in; relative ones are resolved in it (default"
            + " DATA_DIR/targets).")
    Path targetsDir;

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "PostgreSQL (jdbc:postgresql://host/db) instead of the embedded H2 database.")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user; the password comes from $MODELDOCK_DB_PASSWORD.")
    String dbUser;

    @Option(names = "--artifact-store", paramLabel = "s3://BUCKET/PREFIX", description = "Keep artifact bytes in an"
            + " S3-compatible object store instead of the database (which keeps their rows either way); credentials"
            + " from $AWS_ACCESS_KEY_ID and $AWS_SECRET_ACCESS_KEY or --artifact-store-credentials, region from"
            + " $AWS_REGION (default us-east-1).")
    String artifactStore;

    @Option(names = "--artifact-store-endpoint", paramLabel = "URL", description = "The S3-compatible server, e.g."
            + " http://minio.internal:9000 (default $MODELDOCK_S3_ENDPOINT, else AWS S3).")
    String artifactStoreEndpoint;

    @Option(names = "--artifact-store-credentials", paramLabel = "FILE", description = "An owner-only (chmod 600)"
            + " file of aws_access_key_id = ... and aws_secret_access_key = ... lines, instead of the environment.")
    Path artifactStoreCredentials;

    @Option(names = "--no-anonymous-read", description = "Require a token for reads too.")
    boolean noAnonymousRead;

    @Option(names = "--max-upload-bytes", paramLabel = "BYTES", description = "Largest ONNX upload (default just under 2 GiB).")
    Long maxUploadBytes;

    @Option(names = "--job-threads", paramLabel = "N",
            description = "Jobs run at once (default " + RegistryServerConfig.DEFAULT_JOB_THREADS + ").")
    Integer jobThreads;

    @Option(names = "--no-workers", description = "Serve HTTP but run no jobs: the jobs this server takes wait for"
            + " a server that runs them (--workers-only) over the same --db-url.")
    boolean noWorkers;

    @Option(names = "--workers-only", description = "Run jobs queued through any server over the same --db-url,"
            + " without serving HTTP.")
    boolean workersOnly;

    @Option(names = "--job-lease", paramLabel = "SECONDS", description = "How long a server that stops (killed,"
            + " cut off) keeps its jobs and partial uploads before another server over the same database fails and"
            + " removes them (default " + JobConfig.DEFAULT_LEASE_SECONDS + ").")
    Integer jobLease;

    @Option(names = "--worker-heap", paramLabel = "MB", description = "Java heap of each child process ONNX Runtime"
            + " runs in for uploads and conversions (default " + IsolationConfig.DEFAULT_HEAP_MB + ").")
    Integer workerHeap;

    @Option(names = "--worker-memory", paramLabel = "MB", description = "Resident memory (heap and native) a child"
            + " process may use before it is killed and its upload or conversion refused (default "
            + IsolationConfig.DEFAULT_MEMORY_MB + ").")
    Integer workerMemory;

    @Option(names = "--load-check-timeout", paramLabel = "SECONDS", description = "Longest an upload's load in ONNX"
            + " Runtime may take (default " + IsolationConfig.DEFAULT_LOAD_CHECK_SECONDS + ").")
    Integer loadCheckTimeout;

    @Option(names = "--conversion-timeout", paramLabel = "SECONDS", description = "Longest a conversion may take"
            + " (default " + IsolationConfig.DEFAULT_CONVERSION_SECONDS + ").")
    Integer conversionTimeout;

    @Option(names = "--session-timeout", paramLabel = "MINUTES", description = "How long a web UI sign-in lasts"
            + " unused (default " + SessionConfig.DEFAULT_IDLE_MINUTES + ").")
    Integer sessionTimeout;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Model cache conversions read from (default ~/.cache/modeldock).")
    Path cacheDir;

    @Option(names = "--ignore-checksum-error", description = "Convert a preconfigured model whose files are not the"
            + " pinned ones, with the mismatch kept in the version's lineage (checksumWarnings), instead of failing"
            + " the job.")
    boolean ignoreChecksumError;

    @Option(names = "--source-root", paramLabel = "DIR", description = "A folder conversions may read models from;"
            + " repeat for more (default: the cache folder and DATA_DIR/sources). Sources elsewhere, and symbolic"
            + " links leading out, are refused.")
    List<Path> sourceRoots;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> settings = new LinkedHashMap<>();
        if (cacheDir != null) {
            settings.put("cache_dir", cacheDir.toString());
        }
        settings.put("ignore_checksum_error", ignoreChecksumError);
        Extensions extensions = Extensions.load();
        if (workersOnly) {
            return runWorkers(extensions, Settings.fromMap(settings));
        }
        RegistryServer server;
        try {
            server = RegistryServer.start(this::configure, extensions, Settings.fromMap(settings), System.out,
                    List.of(new WebUi()));
        } catch (Exception | Error e) {
            extensions.close();
            throw e;
        }
        // A plugin that failed to load is no reason not to serve with the others; GET /api/v1/plugins lists it.
        server.services().plugins().failures().forEach(line -> System.err.println("warning: " + line));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            extensions.close(); // after the server, whose jobs use the plugins until it stops them
            stopped.countDown();
        }, "modeldock-stop"));
        InetAddress bound = server.address().getAddress();
        String reach = bound.isLoopbackAddress() || bound.isAnyLocalAddress() ? "localhost"
                : server.address().getHostString();
        System.out.println("ModelDock registry on http://" + reach + ":" + server.port() + "/api/v1 (listening on "
                + bound.getHostAddress() + ", data in " + server.dataDir() + ")");
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** {@code --workers-only}: the services with their job runner, and no HTTP, until stopped. */
    private Integer runWorkers(Extensions extensions, Settings settings) throws Exception {
        RegistryServerConfig config = new RegistryServerConfig();
        configure(config);
        Services services;
        try {
            services = Services.open(config, extensions, settings, System.out);
        } catch (Exception | Error e) {
            extensions.close();
            throw e;
        }
        services.plugins().failures().forEach(line -> System.err.println("warning: " + line));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            services.close();
            extensions.close();
            stopped.countDown();
        }, "modeldock-stop"));
        System.out.println("ModelDock worker " + services.registry().serverId() + " runs jobs queued in the shared"
                + " registry (data in " + services.dataDir() + ")");
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** The options given, over the server's defaults; secrets come from the environment. */
    void configure(RegistryServerConfig config) {
        if (host != null) {
            config.host = host;
        }
        if (port != null) {
            config.port = port;
        }
        if (dataDir != null) {
            config.dataDir = dataDir;
        }
        if (targetsDir != null) {
            config.targetsDir = targetsDir;
        }
        config.database.url = dbUrl;
        config.database.user = dbUser;
        config.database.password = System.getenv("MODELDOCK_DB_PASSWORD");
        config.artifacts.location = artifactStore;
        config.artifacts.endpoint = artifactStoreEndpoint;
        config.artifacts.credentialsFile = artifactStoreCredentials;
        config.auth.anonymousRead = !noAnonymousRead;
        if (maxUploadBytes != null) {
            config.uploads.maxBytes = maxUploadBytes;
        }
        if (jobThreads != null) {
            config.jobs.threads = jobThreads;
        }
        config.jobs.run = !noWorkers;
        config.servesHttp = !workersOnly;
        if (jobLease != null) {
            config.jobs.lease = Duration.ofSeconds(jobLease);
        }
        if (sourceRoots != null) {
            config.sourceRoots.addAll(sourceRoots);
        }
        if (workerHeap != null) {
            config.isolation.heapMb = workerHeap;
        }
        if (workerMemory != null) {
            config.isolation.memoryMb = workerMemory;
        }
        if (loadCheckTimeout != null) {
            config.isolation.loadCheckTimeout = Duration.ofSeconds(loadCheckTimeout);
        }
        if (sessionTimeout != null) {
            config.sessions.idleTimeout = Duration.ofMinutes(sessionTimeout);
        }
        if (conversionTimeout != null) {
            config.isolation.conversionTimeout = Duration.ofSeconds(conversionTimeout);
        }
        config.secrets.adminToken = System.getenv("MODELDOCK_ADMIN_TOKEN");
        config.secrets.key = System.getenv(SecretBox.KEY_ENV);
    }
}
