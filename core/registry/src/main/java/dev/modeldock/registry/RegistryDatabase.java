package dev.modeldock.registry;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.modeldock.plugin.ModelDockException;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The registry's database: embedded H2 under a data folder by default, PostgreSQL when a team
 * names one by JDBC URL. The same migrations run on both.
 */
public final class RegistryDatabase implements AutoCloseable {
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final LongAdder statements = new LongAdder();
    private final boolean postgres;

    private RegistryDatabase(HikariDataSource pool) {
        this.pool = pool;
        this.jdbi = Jdbi.create(pool).installPlugin(new Rows());
        jdbi.setSqlLogger(new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext context) {
                statements.increment();
            }
        });
        this.postgres = pool.getJdbcUrl().startsWith("jdbc:postgresql:");
    }

    /** The embedded H2 database file kept in {@code dataDir}. */
    public static String embeddedUrl(Path dataDir) {
        // Lock waits of a few seconds let many writers of one model queue up instead of failing.
        // WRITE_DELAY=0 writes each commit to the file before the commit returns; H2's default keeps
        // commits in memory for up to half a second, so a killed server would lose versions it had
        // already confirmed, and give their numbers out again. TRACE_LEVEL_FILE=0: no trace at all.
        // H2 would otherwise write a registry.trace.db file whenever it first has something to say,
        // with the process's umask, not owner-only; and its SLF4J adapter (level 4) logs every
        // statement at INFO, each artifact chunk and sealed secret included: gigabytes for one large
        // upload. H2's errors reach their callers as exceptions either way.
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("registry")
                + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0;TRACE_LEVEL_FILE=0";
    }

    /**
     * Connects and brings the schema up to date.
     *
     * @param user     null when the URL carries the credentials, or for embedded H2
     * @param password null likewise
     * @throws ModelDockException when the database cannot be reached or migrated
     */
    public static RegistryDatabase open(String jdbcUrl, String user, String password) {
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new ModelDockException("unsupported database URL '" + jdbcUrl
                    + "': the registry runs on H2 (jdbc:h2:...) or PostgreSQL (jdbc:postgresql://...)");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(16);
        config.setPoolName("registry");
        // Try one connection at start and report a database that cannot be reached at once, rather
        // than after the pool's 30-second wait for a connection.
        config.setInitializationFailTimeout(1);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new ModelDockException("cannot open the registry database at " + redact(jdbcUrl) + ": "
                    + rootMessage(e), e);
        }
        try {
            Flyway.configure(RegistryDatabase.class.getClassLoader()).dataSource(pool)
                    .locations("classpath:db/migration").load().migrate();
        } catch (FlywayException | IllegalStateException e) {
            pool.close();
            throw new ModelDockException("cannot open the registry database at " + redact(jdbcUrl) + ": "
                    + rootMessage(e), e);
        }
        return new RegistryDatabase(pool);
    }

    /**
     * How many SQL statements this database has run since it was opened: what a page or an
     * endpoint costs in round trips, which tests compare between small and large catalogs.
     */
    public long statementCount() {
        return statements.sum();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Whether a query gets through now: what a health check reports. */
    public boolean isReachable() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public boolean isPostgres() {
        return postgres;
    }

    @Override
    public void close() {
        pool.close();
    }

    /** A URL for messages: PostgreSQL URLs may carry a password parameter. */
    static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
