package dev.modeldock.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * An empty schema of its own in the test PostgreSQL (the server {@code src/bin/test-postgres}
 * starts, or the one {@code MODELDOCK_TEST_POSTGRES_URL} names), dropped on close. A missing server
 * fails the test rather than skipping it: the API is not proven on one database only.
 */
record FreshPostgresSchema(String url, String user, String password, String schema) implements AutoCloseable {
    private static final String SERVER = env("MODELDOCK_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/modeldock_test");
    private static final String USER = env("MODELDOCK_TEST_POSTGRES_USER", "modeldock");
    private static final String PASSWORD = env("MODELDOCK_TEST_POSTGRES_PASSWORD", "modeldock");

    static FreshPostgresSchema create() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
        execute("CREATE SCHEMA " + schema);
        String url = SERVER + (SERVER.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new FreshPostgresSchema(url, USER, PASSWORD, schema);
    }

    /** A connection to the schema, for looking at what the server stored. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() {
        execute("DROP SCHEMA " + schema + " CASCADE");
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for the server tests is not reachable at " + SERVER
                    + " (" + e.getMessage() + "); start it with src/bin/test-postgres", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
