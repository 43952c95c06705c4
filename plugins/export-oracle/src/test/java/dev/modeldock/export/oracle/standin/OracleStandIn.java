package dev.modeldock.export.oracle.standin;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * A JDBC driver for {@code jdbc:oracle-standin:<name>} URLs: each name is an in-process stand-in for
 * an Oracle Database 23ai (H2 underneath), started with {@link StandInSettings#named(String)}.
 *
 * <p>It logs on as ojdbc does (properties {@code user} and {@code password}, ORA-01017 when they do
 * not match an account) and hands back a session that understands exactly the SQL texts the
 * export-oracle plugin sends.
 */
public final class OracleStandIn implements Driver {
    public static final String URL_PREFIX = "jdbc:oracle-standin:";

    private static final Map<String, StandInDatabase> DATABASES = new ConcurrentHashMap<>();

    /** Registers the driver with {@link DriverManager} unless an instance already is (e.g. by ServiceLoader). */
    public static synchronized void register() {
        boolean registered = DriverManager.drivers().anyMatch(OracleStandIn.class::isInstance);
        if (!registered) {
            try {
                DriverManager.registerDriver(new OracleStandIn());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot register the Oracle stand-in driver", e);
            }
        }
    }

    /** Starts a database with these settings, replacing (and closing) one of the same name. */
    static StandInDatabase start(StandInSettings settings) {
        register();
        StandInDatabase database = new StandInDatabase(settings);
        StandInDatabase previous = DATABASES.put(settings.name, database);
        if (previous != null) {
            previous.closeStorage();
        }
        return database;
    }

    /** The running database called {@code name}. */
    static StandInDatabase database(String name) throws SQLException {
        StandInDatabase database = DATABASES.get(name);
        if (database == null) {
            throw new SQLException("no Oracle stand-in database is running under the name '" + name
                    + "' (start one with StandInSettings.named(\"" + name + "\").start())", "08001");
        }
        return database;
    }

    static void forget(StandInDatabase database) {
        DATABASES.remove(database.name(), database);
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        StandInDatabase database = database(url.substring(URL_PREFIX.length()));
        String user = info == null ? null : info.getProperty("user");
        String password = info == null ? null : info.getProperty("password");
        if (user == null || user.isEmpty()) {
            throw OracleErrors.logonDenied();
        }
        String sessionUser = user.toUpperCase(Locale.ROOT);
        String expected = database.settings().accounts.get(sessionUser);
        if (expected == null || !expected.equals(password)) {
            throw OracleErrors.logonDenied();
        }
        return database.openSession(sessionUser);
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(URL_PREFIX) && url.length() > URL_PREFIX.length();
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[] {new DriverPropertyInfo("user", null), new DriverPropertyInfo("password", null)};
    }

    @Override
    public int getMajorVersion() {
        return 23;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("the Oracle stand-in does not log through java.util.logging");
    }
}
