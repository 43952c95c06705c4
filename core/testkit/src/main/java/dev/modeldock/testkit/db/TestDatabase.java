package dev.modeldock.testkit.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A fresh, empty database for one test, of one of the two kinds ModelDock runs on; closing it
 * removes it. {@link DatabaseTest} hands one to each run of a test.
 *
 * <ul>
 *   <li>H2: a folder of its own, {@link #folder()}. {@link #url()} names a file database in it; code
 *       that derives its own embedded URL from a data folder (the registry does) uses the folder.</li>
 *   <li>PostgreSQL: a schema of its own in the test server, {@link #url()} pointing at it, and a
 *       scratch folder as well. The server is the one {@code src/bin/test-postgres} starts, or the
 *       one {@value #URL_VARIABLE}, {@value #USER_VARIABLE} and {@value #PASSWORD_VARIABLE} name. A
 *       server that cannot be reached fails the test rather than skipping it: storage is not proven
 *       on one database only.</li>
 * </ul>
 */
public final class TestDatabase implements AutoCloseable {
    public static final String URL_VARIABLE = "MODELDOCK_TEST_POSTGRES_URL";
    public static final String USER_VARIABLE = "MODELDOCK_TEST_POSTGRES_USER";
    public static final String PASSWORD_VARIABLE = "MODELDOCK_TEST_POSTGRES_PASSWORD";

    /** The test PostgreSQL server, its user and password. */
    public static final String SERVER_URL = env(URL_VARIABLE, "jdbc:postgresql://127.0.0.1:5432/modeldock_test");
    public static final String SERVER_USER = env(USER_VARIABLE, "modeldock");
    public static final String SERVER_PASSWORD = env(PASSWORD_VARIABLE, "modeldock");

    /** The two databases. */
    public enum Kind {
        H2("H2"), POSTGRESQL("PostgreSQL");

        private final String displayName;

        Kind(String displayName) {
            this.displayName = displayName;
        }

        @Override
        public String toString() {
            return displayName;
        }
    }

    private final Kind kind;
    private final Path folder;
    private final String url;
    private final String schema;

    private TestDatabase(Kind kind, Path folder, String url, String schema) {
        this.kind = kind;
        this.folder = folder;
        this.url = url;
        this.schema = schema;
    }

    /**
     * A fresh database of {@code kind}, in a new temporary folder that {@link #close()} deletes.
     *
     * @throws IllegalStateException when the test PostgreSQL cannot be reached
     */
    public static TestDatabase create(Kind kind) {
        Path folder;
        try {
            folder = Files.createTempDirectory("modeldock-" + kind.name().toLowerCase(Locale.ROOT) + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (kind == Kind.H2) {
            return new TestDatabase(kind, folder, "jdbc:h2:file:" + folder.toAbsolutePath().resolve("test"), null);
        }
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
        try {
            execute("CREATE SCHEMA " + schema);
        } catch (RuntimeException e) {
            delete(folder);
            throw e;
        }
        String url = SERVER_URL + (SERVER_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestDatabase(kind, folder, url, schema);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isPostgres() {
        return kind == Kind.POSTGRESQL;
    }

    /** A folder of this database's own: H2's files, or scratch space on PostgreSQL. */
    public Path folder() {
        return folder;
    }

    /** The JDBC URL of the fresh database. */
    public String url() {
        return url;
    }

    /** The user to connect as; null for H2, whose file database needs none. */
    public String user() {
        return isPostgres() ? SERVER_USER : null;
    }

    /** The user's password; null for H2. */
    public String password() {
        return isPostgres() ? SERVER_PASSWORD : null;
    }

    /** A connection to the database, for looking at what the code under test stored. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user(), password());
    }

    /** Drops the schema (PostgreSQL) and deletes the folder. */
    @Override
    public void close() {
        try {
            if (schema != null) {
                execute("DROP SCHEMA " + schema + " CASCADE");
            }
        } finally {
            delete(folder);
        }
    }

    @Override
    public String toString() {
        return kind + (schema != null ? " schema " + schema : " in " + folder);
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER_URL, SERVER_USER, SERVER_PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for the tests is not reachable at " + SERVER_URL + " ("
                    + e.getMessage() + "); start it with ModelDock's src/bin/test-postgres, or name another with "
                    + URL_VARIABLE + ", " + USER_VARIABLE + " and " + PASSWORD_VARIABLE, e);
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the test database's folder " + folder, e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
