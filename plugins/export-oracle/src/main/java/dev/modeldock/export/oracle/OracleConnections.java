package dev.modeldock.export.oracle;

import dev.modeldock.metadata.OracleErrors;
import dev.modeldock.plugin.ModelDockException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;

/**
 * Opens connections with the one driver that serves the profile's URL ({@link OracleUrl#driver}):
 * Oracle's own, named explicitly, never whichever driver on the class path says it accepts the URL.
 */
final class OracleConnections {
    private OracleConnections() {
    }

    static Connection open(ConnectionProfile profile) {
        Driver driver = OracleUrl.driver(profile.url());
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
