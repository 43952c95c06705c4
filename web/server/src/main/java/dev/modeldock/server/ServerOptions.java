package dev.modeldock.server;

import java.nio.file.Path;

/**
 * How a registry server runs.
 *
 * @param port           0 for any free port
 * @param dataDir        holds the embedded database, the secret key, the first admin token and scratch space
 * @param databaseUrl    a JDBC URL; null for embedded H2 under {@code dataDir}
 * @param anonymousRead  whether callers without a token may read
 * @param maxUploadBytes the largest ONNX upload accepted
 * @param jobThreads     how many jobs run at once
 * @param adminToken     the first admin's token from the environment; null to generate one
 * @param secretKey      the secrets key (base64) from the environment; null to use the data folder's
 */
public record ServerOptions(int port, Path dataDir, String databaseUrl, String databaseUser,
        String databasePassword, boolean anonymousRead, long maxUploadBytes, int jobThreads, String adminToken,
        String secretKey) {

    /** Oracle takes ONNX files below 2 GB. */
    public static final long DEFAULT_MAX_UPLOAD = (1L << 31) - 1;

    /** Embedded defaults: H2 under {@code dataDir}, anonymous reads on, two jobs at a time. */
    public static ServerOptions defaults(int port, Path dataDir) {
        return new ServerOptions(port, dataDir, null, null, null, true, DEFAULT_MAX_UPLOAD, 2, null, null);
    }

    public ServerOptions withDatabase(String url, String user, String password) {
        return new ServerOptions(port, dataDir, url, user, password, anonymousRead, maxUploadBytes, jobThreads,
                adminToken, secretKey);
    }

    public ServerOptions withAnonymousRead(boolean allowed) {
        return new ServerOptions(port, dataDir, databaseUrl, databaseUser, databasePassword, allowed, maxUploadBytes,
                jobThreads, adminToken, secretKey);
    }

    public ServerOptions withMaxUploadBytes(long bytes) {
        return new ServerOptions(port, dataDir, databaseUrl, databaseUser, databasePassword, anonymousRead, bytes,
                jobThreads, adminToken, secretKey);
    }

    public ServerOptions withSecrets(String adminToken, String secretKey) {
        return new ServerOptions(port, dataDir, databaseUrl, databaseUser, databasePassword, anonymousRead,
                maxUploadBytes, jobThreads, adminToken, secretKey);
    }
}
