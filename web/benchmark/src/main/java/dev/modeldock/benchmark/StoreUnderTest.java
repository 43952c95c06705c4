package dev.modeldock.benchmark;

import dev.modeldock.testkit.db.TestDatabase;
import dev.modeldock.testkit.s3.S3Server;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A fresh artifact store for one benchmark server: the {@code serve} options and the environment
 * that point the server at it, and what to remove once the server has stopped (a PostgreSQL schema,
 * an S3Proxy and its folder). The server's own data folder is the caller's.
 *
 * @param serveOptions options added to {@code serve --port 0 --data-dir DIR}
 * @param environment  variables for the server's process: passwords and keys, never options
 * @param resources    closed after the server stops
 */
record StoreUnderTest(StoreKind kind, List<String> serveOptions, Map<String, String> environment,
        AutoCloseable resources) implements AutoCloseable {
    /** The bucket and prefix the server keeps its objects under in S3Proxy. */
    static final String BUCKET = "modeldock-benchmark";
    static final String PREFIX = "registry";

    /** The default store, in the server's data folder: nothing to add, nothing to remove. */
    static StoreUnderTest embeddedH2() {
        return new StoreUnderTest(StoreKind.H2, List.of(), Map.of(), () -> { });
    }

    /**
     * A schema of its own in the test kit's PostgreSQL ({@code src/bin/test-postgres}, or the server
     * {@value TestDatabase#URL_VARIABLE} and its companions name), dropped afterwards.
     */
    static StoreUnderTest postgres() {
        TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL);
        return new StoreUnderTest(StoreKind.POSTGRES, List.of("--db-url", database.url(), "--db-user",
                database.user()), Map.of("MODELDOCK_DB_PASSWORD", database.password()), database);
    }

    /**
     * S3Proxy in this JVM over {@code folder}, on the disk the benchmark compares with {@code cp}; the
     * server keeps its rows in embedded H2, so that only the artifact store differs from {@code h2}.
     */
    static StoreUnderTest s3(Path folder) {
        S3Server s3 = S3Server.start(BUCKET, folder);
        return new StoreUnderTest(StoreKind.S3, List.of("--artifact-store", "s3://" + BUCKET + "/" + PREFIX,
                "--artifact-store-endpoint", s3.endpoint().toString()), Map.of("AWS_ACCESS_KEY_ID",
                S3Server.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY), s3);
    }

    @Override
    public void close() throws Exception {
        resources.close();
    }
}
