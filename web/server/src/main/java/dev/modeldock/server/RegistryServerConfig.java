package dev.modeldock.server;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.service.ServiceConfig;

/**
 * How a registry server runs, set in the lambda {@link RegistryServer#start} takes, the way Javalin
 * is configured:
 * <pre>{@code
 * RegistryServer.start(config -> {
 *     config.host = "0.0.0.0";
 *     config.port = 0;
 *     config.database.url = "jdbc:postgresql://db/modeldock";
 *     config.auth.anonymousRead = false;
 * }, extensions, settings, System.out);
 * }</pre>
 * The HTTP options are here; the registry's (data folder, database, secrets, jobs) are the
 * services' own, inherited from {@link ServiceConfig}. Every option has its default in one of the
 * two, and {@link #validate()} checks them all before anything starts.
 */
public final class RegistryServerConfig extends ServiceConfig {
    public static final int DEFAULT_PORT = 7070;
    /** Oracle takes ONNX files below 2 GB. */
    public static final long DEFAULT_MAX_UPLOAD = (1L << 31) - 1;

    /** Loopback only, as developer servers do; {@code 0.0.0.0} for a team server. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** The address the server listens on: a host name or IP address ({@code 0.0.0.0}: every interface). */
    public String host = DEFAULT_HOST;
    /** The HTTP port; 0 for any free port. */
    public int port = DEFAULT_PORT;
    public final AuthConfig auth = new AuthConfig();
    public final UploadConfig uploads = new UploadConfig();

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

    /** Refuses options the server cannot run with, naming the option. */
    @Override
    public void validate() {
        if (host == null || host.isBlank()) {
            throw new ModelDockException("host is not set: give the address to listen on (" + DEFAULT_HOST
                    + " for this machine only, 0.0.0.0 for every interface)");
        }
        if (port < 0 || port > 65_535) {
            throw new ModelDockException("port " + port + " is not a TCP port (0 to 65535; 0 for any free port)");
        }
        if (uploads.maxBytes < 1) {
            throw new ModelDockException("uploads.maxBytes is " + uploads.maxBytes + "; it must be at least 1");
        }
        super.validate();
    }
}
