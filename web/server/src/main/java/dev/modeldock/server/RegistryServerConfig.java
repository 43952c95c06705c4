package dev.modeldock.server;

import dev.modeldock.plugin.ModelDockException;
import java.nio.file.Path;

/**
 * How a registry server runs, set in the lambda {@link RegistryServer#start} takes, the way Javalin
 * is configured:
 * <pre>{@code
 * RegistryServer.start(config -> {
 *     config.port = 0;
 *     config.database.url = "jdbc:postgresql://db/modeldock";
 *     config.auth.anonymousRead = false;
 * }, extensions, settings, System.out);
 * }</pre>
 * Every option has its default here, and {@link #validate()} checks them all before anything
 * starts.
 */
public final class RegistryServerConfig {
    public static final int DEFAULT_PORT = 7070;
    /** Oracle takes ONNX files below 2 GB. */
    public static final long DEFAULT_MAX_UPLOAD = (1L << 31) - 1;
    public static final int DEFAULT_JOB_THREADS = 2;

    /** The HTTP port; 0 for any free port. */
    public int port = DEFAULT_PORT;
    /** Holds the embedded database, the secret key, the first admin token and scratch space. */
    public Path dataDir = Path.of(System.getProperty("user.home"), ".modeldock");
    public final DatabaseConfig database = new DatabaseConfig();
    public final SecretsConfig secrets = new SecretsConfig();
    public final AuthConfig auth = new AuthConfig();
    public final UploadConfig uploads = new UploadConfig();
    public final JobConfig jobs = new JobConfig();

    /** Where the registry is stored. */
    public static final class DatabaseConfig {
        /** A JDBC URL ({@code jdbc:postgresql://host/db}); null for embedded H2 under the data folder. */
        public String url;
        /** Null when the URL carries the credentials, or for embedded H2. */
        public String user;
        public String password;
    }

    /** Secrets given from outside (the environment), never written to the data folder. */
    public static final class SecretsConfig {
        /** The first admin's token ({@code MODELDOCK_ADMIN_TOKEN}); null to generate one on first start. */
        public String adminToken;
        /** The key (base64) sealing target profiles' secrets ({@code MODELDOCK_SECRET_KEY}); null for the data folder's. */
        public String key;
    }

    /** Who may call. */
    public static final class AuthConfig {
        /** Whether callers without a token may read. */
        public boolean anonymousRead = true;
    }

    /** ONNX uploads. */
    public static final class UploadConfig {
        /** The largest ONNX upload accepted, in bytes. */
        public long maxBytes = DEFAULT_MAX_UPLOAD;
    }

    /** Conversions and deployments, which run in the background. */
    public static final class JobConfig {
        /** How many jobs run at once. */
        public int threads = DEFAULT_JOB_THREADS;
        /** How many jobs may wait; more are refused (503) until some have started. */
        public int queueCapacity = 32;
    }

    /** Refuses options the server cannot run with, naming the option. */
    public void validate() {
        if (port < 0 || port > 65_535) {
            throw new ModelDockException("port " + port + " is not a TCP port (0 to 65535; 0 for any free port)");
        }
        if (dataDir == null) {
            throw new ModelDockException("dataDir is not set: the server needs a data folder");
        }
        if (uploads.maxBytes < 1) {
            throw new ModelDockException("uploads.maxBytes is " + uploads.maxBytes + "; it must be at least 1");
        }
        if (jobs.threads < 1) {
            throw new ModelDockException("jobs.threads is " + jobs.threads + "; at least one job must run at a time");
        }
        if (jobs.queueCapacity < 1) {
            throw new ModelDockException("jobs.queueCapacity is " + jobs.queueCapacity + "; it must be at least 1");
        }
    }
}
