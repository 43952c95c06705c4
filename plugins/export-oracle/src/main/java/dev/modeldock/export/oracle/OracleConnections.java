package dev.modeldock.export.oracle;

import dev.modeldock.metadata.OracleErrors;
import dev.modeldock.plugin.ModelDockException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * Opens connections with the JDBC driver that accepts the profile's URL. The drivers are looked up
 * with this plugin's class loader, which holds Oracle's driver, because DriverManager only sees the
 * host's class path.
 */
final class OracleConnections {
    private OracleConnections() {
    }

    static Connection open(ConnectionProfile profile) {
        Driver driver = null;
        try {
            for (Driver candidate : ServiceLoader.load(Driver.class, OracleConnections.class.getClassLoader())) {
                if (candidate.acceptsURL(profile.url())) {
                    driver = candidate;
                    break;
                }
            }
        } catch (SQLException e) {
            throw new ModelDockException("cannot examine the JDBC drivers: " + e.getMessage(), e);
        }
        if (driver == null) {
            throw new ModelDockException("no JDBC driver accepts " + profile.url()
                    + "; Oracle's URLs start with jdbc:oracle:thin:");
        }
        char[] password = profile.password();
        Properties properties = new Properties();
        properties.setProperty("user", profile.user());
        properties.setProperty("password", new String(password));
        Arrays.fill(password, '\0');
        try {
            Connection connection = driver.connect(profile.url(), properties);
            if (connection == null) {
                throw new ModelDockException("the JDBC driver refused " + profile.url());
            }
            return connection;
        } catch (SQLException e) {
            throw new ModelDockException("cannot connect as " + profile + ": " + OracleErrors.explain(e.getMessage()), e);
        } finally {
            properties.clear();
        }
    }
}
