package dev.modeldock.service;

import dev.modeldock.host.ZipLimits;
import dev.modeldock.objectstore.S3Location;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.source.hub.HubEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the services need to open a registry: its data folder, its database, the secrets given from
 * outside, how many jobs run at once and the limits of the processes ONNX Runtime runs in. Mutable
 * fields with their defaults, set before {@link Services#open}, which {@link #validate() validates}
 * them; the registry server's config extends this one with its HTTP options.
 */
public class ServiceConfig {
    public static final int DEFAULT_JOB_THREADS = 2;

    /** Whether this process answers HTTP; false for {@code serve --workers-only}, which only runs jobs. */
    public boolean servesHttp = true;
    /** Holds the embedded database, the secret key, the first admin token and scratch space. */
    public Path dataDir = Path.of(System.getProperty("user.home"), ".modeldock");
    /**
     * The folder every file a target setting names must lie in (the file target's {@code output_dir},
     * an Oracle connection {@code profile}); relative settings are resolved against it. Null for
     * {@code targets} under the data folder.
     */
    public Path targetsDir;
    public final DatabaseConfig database = new DatabaseConfig();
    public final ArtifactStoreConfig artifacts = new ArtifactStoreConfig();
    public final SecretsConfig secrets = new SecretsConfig();
    public final JobConfig jobs = new JobConfig();
    /**
     * The folders conversions may read their sources from ({@code --source-root}); empty for the
     * defaults, the model cache folder and {@code DATA_DIR/sources}. A source elsewhere, or with a
     * symbolic link leading elsewhere, is refused.
     */
    public final List<Path> sourceRoots = new ArrayList<>();
    /**
     * How conversions reach the Hugging Face hub for a hub id the model cache lacks: its address
     * ({@code HF_ENDPOINT}), token ({@code HF_TOKEN}), whether to stay offline ({@code HF_HUB_OFFLINE})
     * and the stall timeout, read from the server's environment by default.
     */
    public HubEnvironment hub = HubEnvironment.fromSystem();
    public final IsolationConfig isolation = new IsolationConfig();
    public final SessionConfig sessions = new SessionConfig();
    public final PluginConfig plugins = new PluginConfig();

    /** Where the registry is stored. */
    public static final class DatabaseConfig {
        /** A JDBC URL ({@code jdbc:postgresql://host/db}); null for embedded H2 under the data folder. */
        public String url;
        /** Null when the URL carries the credentials, or for embedded H2. */
        public String user;
        public String password;
    }

    /**
     * Where artifact bytes are kept: in the registry's database (the default), or in an
     * S3-compatible object store, while the database keeps the artifact rows either way.
     */
    public static final class ArtifactStoreConfig {
        /** {@code s3://bucket/prefix}; null to keep artifacts in the database. */
        public String location;
        /**
         * The S3-compatible server, e.g. {@code http://minio.internal:9000}; null for
         * {@code MODELDOCK_S3_ENDPOINT}, or AWS S3 itself when that is unset too.
         */
        public String endpoint;
        /**
         * An owner-only file of {@code aws_access_key_id} and {@code aws_secret_access_key} lines; null
         * for {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} from {@link #environment}.
         */
        public Path credentialsFile;
        /** Where the endpoint, region and credentials are read from: the process's environment unless told. */
        public Map<String, String> environment = System.getenv();
    }

    /** Secrets given from outside (the environment), never written to the data folder. */
    public static final class SecretsConfig {
        /** The first admin's token ({@code MODELDOCK_ADMIN_TOKEN}); null to generate one on first start. */
        public String adminToken;
        /**
         * The key (base64) sealing target profiles' secrets ({@code MODELDOCK_SECRET_KEY}); null to use
         * (or create) the data folder's.
         */
        public String key;
    }

    /** Conversions and deployments, which run in the background. */
    public static final class JobConfig {
        public static final int DEFAULT_LEASE_SECONDS = 30;

        /** How many jobs this server runs at once. */
        public int threads = DEFAULT_JOB_THREADS;
        /** How many jobs may wait, on all servers together; more are refused until some have started. */
        public int queueCapacity = 32;
        /**
         * Whether this server claims and runs jobs ({@code serve --no-workers}: false). Jobs it
         * accepts then wait for a server that runs them, over the same shared database.
         */
        public boolean run = true;
        /**
         * How long a server that stops renewing its heartbeat keeps its jobs and partial uploads before
         * another server fails and removes them. It renews three times per lease.
         */
        public Duration lease = Duration.ofSeconds(DEFAULT_LEASE_SECONDS);
    }

    /**
     * The child processes ONNX Runtime runs in whenever the server opens a model from outside (an
     * upload's load check, a conversion and its validation), so that a crash, a runaway allocation or
     * a hang fails that request or job and never the server. A child past a limit is killed.
     */
    public static final class IsolationConfig {
        public static final int DEFAULT_HEAP_MB = 2048;
        public static final int DEFAULT_MEMORY_MB = 8192;
        public static final int DEFAULT_LOAD_CHECK_SECONDS = 60;
        public static final int DEFAULT_CONVERSION_SECONDS = 3600;

        /** Java heap of each child ({@code -Xmx}), in MiB. */
        public int heapMb = DEFAULT_HEAP_MB;
        /**
         * Resident memory of each child, in MiB: its heap and ONNX Runtime's native memory (about twice
         * the model's size while it loads), everything. A child past it is killed.
         */
        public int memoryMb = DEFAULT_MEMORY_MB;
        /** How long loading an upload in ONNX Runtime may take. */
        public Duration loadCheckTimeout = Duration.ofSeconds(DEFAULT_LOAD_CHECK_SECONDS);
        /** How long a conversion may take, its checks and validation included. */
        public Duration conversionTimeout = Duration.ofSeconds(DEFAULT_CONVERSION_SECONDS);
    }

    /** Web UI sessions. */
    public static final class SessionConfig {
        public static final int DEFAULT_IDLE_MINUTES = 60;

        /** How long a signed-in browser stays signed in without a request. */
        public Duration idleTimeout = Duration.ofMinutes(DEFAULT_IDLE_MINUTES);
    }

    /**
     * Plugin zips an admin uploads ({@code POST /api/v1/plugins}), refused past these limits before
     * anything is unpacked; the defaults are {@link ZipLimits#DEFAULT}.
     */
    public static final class PluginConfig {
        /** The zip as uploaded. */
        public long maxZipBytes = ZipLimits.DEFAULT.maxZipBytes();
        /** All its entries together, uncompressed: what a zip bomb would exceed. */
        public long maxUnpackedBytes = ZipLimits.DEFAULT.maxUnpackedBytes();
        /** Files and folders in the zip. */
        public int maxEntries = ZipLimits.DEFAULT.maxEntries();

        public ZipLimits limits() {
            return new ZipLimits(maxZipBytes, maxUnpackedBytes, maxEntries);
        }
    }

    /** Refuses options the services cannot run with, naming the option. */
    public void validate() {
        if (dataDir == null) {
            throw new ModelDockException("dataDir is not set: the registry needs a data folder");
        }
        if (jobs.threads < 1) {
            throw new ModelDockException("jobs.threads is " + jobs.threads + "; at least one job must run at a time");
        }
        if (jobs.queueCapacity < 1) {
            throw new ModelDockException("jobs.queueCapacity is " + jobs.queueCapacity + "; it must be at least 1");
        }
        if (!jobs.run && !servesHttp) {
            throw new ModelDockException("a server that neither serves HTTP nor runs jobs does nothing; drop"
                    + " --no-workers or --workers-only");
        }
        if (database.url == null && !(jobs.run && servesHttp)) {
            throw new ModelDockException((jobs.run ? "--workers-only" : "--no-workers") + " needs a database that"
                    + " several servers share (--db-url jdbc:postgresql://...): the embedded database is open to one"
                    + " process only, so no other server could " + (jobs.run ? "queue jobs for this one" : "run the"
                    + " jobs this one queues"));
        }
        if (hub == null) {
            throw new ModelDockException("hub is not set: give the hub environment, e.g. HubEnvironment.fromSystem()");
        }
        if (sourceRoots.contains(null)) {
            throw new ModelDockException("sourceRoots holds an empty entry; give each source root as a folder");
        }
        if (isolation.heapMb < 64) {
            throw new ModelDockException("isolation.heapMb is " + isolation.heapMb
                    + "; a Java child needs at least 64 MiB");
        }
        if (isolation.memoryMb <= isolation.heapMb) {
            throw new ModelDockException("isolation.memoryMb (" + isolation.memoryMb + ") must exceed"
                    + " isolation.heapMb (" + isolation.heapMb + "): a child's resident memory holds its heap and ONNX"
                    + " Runtime's native memory");
        }
        if (plugins.maxZipBytes < 1 || plugins.maxUnpackedBytes < 1 || plugins.maxEntries < 1) {
            throw new ModelDockException("plugins.maxZipBytes, plugins.maxUnpackedBytes and plugins.maxEntries must"
                    + " be positive");
        }
        if (artifacts.location != null) {
            S3Location.parse(artifacts.location);
        }
        positive("isolation.loadCheckTimeout", isolation.loadCheckTimeout);
        positive("isolation.conversionTimeout", isolation.conversionTimeout);
        positive("sessions.idleTimeout", sessions.idleTimeout);
        positive("jobs.lease", jobs.lease);
    }

    private static void positive(String option, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new ModelDockException(option + " is " + value + "; it must be a positive duration");
        }
    }
}
