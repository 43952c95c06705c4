package dev.modeldock.export.oracle;

import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.plugin.ModelDockException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What must hold before a model is sent: Oracle Database 23 or later, a valid DBMS_VECTOR, and the
 * privilege to create mining models. Every miss is named, all at once.
 */
final class Preflight {
    private Preflight() {
    }

    /** @return the release whose rules the database follows (its file size limit, above all) */
    static OracleRelease check(Connection connection) throws SQLException {
        List<String> misses = new ArrayList<>();
        String version = version(connection);
        Optional<OracleRelease> release = OracleRelease.ofDatabaseVersion(version);
        if (release.isEmpty()) {
            misses.add("the database is release " + version + "; loading ONNX models needs Oracle Database 23ai or"
                    + " later");
        }
        Map<String, String> status = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement(OracleSql.DBMS_VECTOR_STATUS);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                status.put(rows.getString(1), rows.getString(2));
            }
        }
        if (!status.containsKey("PACKAGE")) {
            misses.add("package SYS.DBMS_VECTOR is not visible to this user (missing, or EXECUTE not granted)");
        } else if (status.values().stream().anyMatch(s -> !"VALID".equals(s))) {
            misses.add("package SYS.DBMS_VECTOR is not valid (" + status + "); ask the DBA to recompile it");
        }
        boolean mayCreate;
        try (PreparedStatement query = connection.prepareStatement(OracleSql.MINING_PRIVILEGES);
                ResultSet rows = query.executeQuery()) {
            mayCreate = rows.next();
        }
        if (!mayCreate) {
            misses.add("the user lacks the CREATE MINING MODEL privilege; ask the DBA to GRANT CREATE MINING MODEL");
        }
        if (!misses.isEmpty()) {
            throw new ModelDockException("the database is not ready for ONNX models: " + String.join("; ", misses));
        }
        return release.orElseThrow();
    }

    /** PRODUCT_COMPONENT_VERSION's VERSION_FULL: 26ai reports VERSION 23.0.0.0.0, VERSION_FULL 23.26.x. */
    private static String version(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(OracleSql.VERSION);
                ResultSet rows = query.executeQuery()) {
            if (!rows.next()) {
                throw new ModelDockException("the database does not report its version");
            }
            String version = rows.getString(1);
            if (version == null || !version.matches("\\d+(\\.\\d+)*")) {
                throw new ModelDockException("cannot read the database version '" + version + "'");
            }
            return version;
        }
    }
}
