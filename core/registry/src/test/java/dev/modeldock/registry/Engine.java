package dev.modeldock.registry;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The two databases the registry runs on, for tests that must pass on both.
 *
 * <p>PostgreSQL is the server {@code src/bin/test-postgres} starts (or the one named by
 * {@code MODELDOCK_TEST_POSTGRES_URL}); each test gets a schema of its own, dropped afterwards.
 * A missing server fails the test: the storage layer is not proven on one database only.
 */
public enum Engine {
    H2, POSTGRES;

    public static final String URL = env("MODELDOCK_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/modeldock_test");
    public static final String USER = env("MODELDOCK_TEST_POSTGRES_USER", "modeldock");
    public static final String PASSWORD = env("MODELDOCK_TEST_POSTGRES_PASSWORD", "modeldock");

    /** A JDBC URL for a fresh, empty database of this kind, with its user and password. */
    public Fresh fresh(Path tempDir) {
        if (this == H2) {
            return new Fresh(RegistryDatabase.embeddedUrl(tempDir.resolve("h2-" + UUID.randomUUID())), null, null,
                    () -> { });
        }
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
        execute("CREATE SCHEMA " + schema);
        String url = URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new Fresh(url, USER, PASSWORD, () -> execute("DROP SCHEMA " + schema + " CASCADE"));
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for the storage tests is not reachable at " + URL
                    + " (" + e.getMessage() + "); start it with src/bin/test-postgres", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A fresh database: where it is, and (on close) its removal. */
    public record Fresh(String url, String user, String password, Runnable cleanup) implements AutoCloseable {

        /** Opens the registry on it, migrating the empty database. */
        public RegistryDatabase open() {
            return RegistryDatabase.open(url, user, password);
        }

        @Override
        public void close() {
            cleanup.run();
        }
    }
}
