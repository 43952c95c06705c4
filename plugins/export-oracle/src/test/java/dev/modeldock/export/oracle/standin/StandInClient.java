package dev.modeldock.export.oracle.standin;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Talks to a stand-in over JDBC the way the export-oracle plugin does, with the plugin's SQL texts. */
final class StandInClient {
    static final String EMBEDDING_METADATA =
            "{\"function\":\"embedding\",\"embeddingOutput\":\"embedding\",\"input\":{\"input\":[\"DATA\"]}}";

    private StandInClient() {
    }

    static Connection connect(StandInDatabase database) throws SQLException {
        return DriverManager.getConnection(database.url(), StandInSettings.DEFAULT_USER.toLowerCase(),
                StandInSettings.DEFAULT_PASSWORD);
    }

    /** LOAD with the model streamed into {@code connection.createBlob()}. */
    static void load(Connection connection, String model, Path file, String metadata) throws SQLException, IOException {
        Blob blob = connection.createBlob();
        try {
            try (OutputStream out = blob.setBinaryStream(1)) {
                Files.copy(file, out);
            }
            try (CallableStatement call = connection.prepareCall(OracleSqlRewriter.LOAD)) {
                call.setString(1, model);
                call.setBlob(2, blob);
                call.setString(3, metadata);
                call.execute();
            }
        } finally {
            blob.free();
        }
    }

    static void drop(Connection connection, String model) throws SQLException {
        try (CallableStatement call = connection.prepareCall(OracleSqlRewriter.DROP)) {
            call.setString(1, model);
            call.execute();
        }
    }

    /** FROM_VECTOR(VECTOR_EMBEDDING(...)) as the text the database returns. */
    static String embed(Connection connection, String qualifiedModel, String attribute, String text)
            throws SQLException {
        String sql = "SELECT FROM_VECTOR(VECTOR_EMBEDDING(" + qualifiedModel + " USING ? AS " + attribute
                + ") RETURNING CLOB) FROM DUAL";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, text);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    /** Every row of a query, each column as text. */
    static List<List<String>> rows(Connection connection, String sql, Object... binds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < binds.length; i++) {
                statement.setObject(i + 1, binds[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<List<String>> result = new ArrayList<>();
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    List<String> row = new ArrayList<>();
                    for (int c = 1; c <= columns; c++) {
                        row.add(rows.getString(c));
                    }
                    result.add(row);
                }
                return result;
            }
        }
    }

    static float[] parseVector(String text) {
        String body = text.substring(1, text.length() - 1);
        String[] parts = body.split(",");
        float[] vector = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            vector[i] = Float.parseFloat(parts[i]);
        }
        return vector;
    }
}
