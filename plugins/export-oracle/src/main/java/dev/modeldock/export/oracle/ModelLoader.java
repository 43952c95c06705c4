package dev.modeldock.export.oracle;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Sends a model through DBMS_VECTOR.LOAD_ONNX_MODEL's BLOB overload, streamed, never whole in memory. */
final class ModelLoader {
    private static final int CHUNK = 1 << 20;

    private ModelLoader() {
    }

    static boolean exists(Connection connection, DatabaseModelName name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(OracleSql.MODEL_EXISTS)) {
            query.setString(1, name.owner());
            query.setString(2, name.model());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getInt(1) > 0;
            }
        }
    }

    static void drop(Connection connection, DatabaseModelName name) throws SQLException {
        try (CallableStatement drop = connection.prepareCall(OracleSql.DROP)) {
            drop.setString(1, name.qualified());
            drop.execute();
        }
    }

    /** Streams {@code model} into a temporary BLOB on the server, then loads it with {@code metadata}. */
    static void load(Connection connection, DatabaseModelName name, Path model, String metadata, Progress progress)
            throws SQLException, IOException {
        Blob blob = send(connection, model, progress, 0.1, 0.7);
        try {
            progress.report("loading " + name.qualified() + " (DBMS_VECTOR.LOAD_ONNX_MODEL)", 0.75);
            try (CallableStatement load = connection.prepareCall(OracleSql.LOAD)) {
                load.setString(1, name.qualified());
                load.setBlob(2, blob);
                load.setString(3, metadata);
                load.execute();
            }
        } finally {
            blob.free();
        }
    }

    /**
     * Streams {@code file} into a temporary BLOB on the server, reporting progress from {@code from} to
     * {@code to}; the caller frees the BLOB.
     */
    static Blob send(Connection connection, Path file, Progress progress, double from, double to)
            throws SQLException, IOException {
        Blob blob = connection.createBlob();
        try {
            long total = Files.size(file);
            long sent = 0;
            byte[] buffer = new byte[CHUNK];
            try (InputStream in = Files.newInputStream(file); OutputStream out = blob.setBinaryStream(1)) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    sent += n;
                    progress.report("sending " + file.getFileName() + " to the database",
                            from + (to - from) * sent / Math.max(1, total));
                }
            }
            if (blob.length() != total) {
                throw new ModelDockException("the database received " + blob.length() + " of " + total + " bytes of "
                        + file.getFileName());
            }
            return blob;
        } catch (SQLException | IOException | RuntimeException e) {
            blob.free();
            throw e;
        }
    }
}
