package dev.modeldock.export.oracle;

import dev.modeldock.metadata.OracleNames;
import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.plugin.ExternalDataPackage;
import dev.modeldock.plugin.ExternalDataPackage.Member;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Progress;
import java.io.IOException;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads a model whose weights live in external data. Oracle Database 26ai reads such a model only
 * from files in a database directory, so each file of the package is sent as a temporary BLOB and
 * written into the directory with UTL_FILE, then LOAD_ONNX_MODEL's directory overload is called
 * with the descriptor's name. The files stay in the directory afterwards: the database read them,
 * and whether a loaded model still needs them is the database's business, not this target's.
 *
 * <p>The ONNX file and its descriptor are written under the model's name ({@code SCHEMA_MODEL.onnx},
 * {@code SCHEMA_MODEL_external_data.json}), so models sharing a directory never overwrite each
 * other's; a data file keeps its package name, which is its content's SHA-256.
 */
final class DirectoryLoader {
    private DirectoryLoader() {
    }

    /** The {@code directory} setting, as the canonical name Oracle stores, or an error saying how to get one. */
    static String directory(Map<String, String> settings) {
        String directory = settings.get("directory");
        if (directory == null || directory.isBlank()) {
            throw new ModelDockException("the model keeps its weights in external data, which Oracle Database 26ai"
                    + " loads from a database directory: set the oracle target's 'directory' to a directory object the"
                    + " user may read and write (a DBA runs CREATE DIRECTORY MODELS AS '/path' and GRANT READ, WRITE"
                    + " ON DIRECTORY MODELS TO the user)");
        }
        OracleNames.identifierProblem(directory, OracleNames.MAX_IDENTIFIER_BYTES).ifPresent(why -> {
            throw new ModelDockException("directory '" + directory + "' is not a directory object's name: " + why);
        });
        return OracleNames.canonical(directory);
    }

    /**
     * What must hold before the package is unpacked or any file written: a release that loads
     * external data, and a directory in reach.
     */
    static void check(Connection connection, OracleRelease release, String directory, String user)
            throws SQLException {
        if (!release.loadsExternalData()) {
            throw new ModelDockException("the model keeps its weights in external data, and the database is "
                    + release.displayName() + ", which does not load external data: deploy it to an Oracle Database"
                    + " 26ai, or convert it without use_external_data (quantize_model brings most models under 1 GB)");
        }
        try (PreparedStatement query = connection.prepareStatement(OracleSql.DIRECTORY_VISIBLE)) {
            query.setString(1, directory);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next() || rows.getInt(1) == 0) {
                    throw new ModelDockException("directory " + directory + " does not exist or is not granted to "
                            + user + " (ALL_DIRECTORIES does not list it): ask the DBA to CREATE DIRECTORY "
                            + directory + " AS '/path' and GRANT READ, WRITE ON DIRECTORY " + directory + " TO "
                            + user);
                }
            }
        }
    }

    /** The release's limit applies to the ONNX file, not to the package or its data. */
    static void checkSize(OracleRelease release, long onnxBytes) {
        if (onnxBytes > release.maxFileBytes()) {
            throw new ModelDockException("the model's ONNX file is " + onnxBytes + " bytes; the database is "
                    + release.displayName() + ", which loads at most " + release.maxFileBytes() + " ("
                    + release.maxFileSize() + ")");
        }
    }

    /** Writes the package's files into {@code directory}, then loads the model from them. */
    static void load(Connection connection, DatabaseModelName name, String owner, String directory,
            UnpackedModel model, String metadata, Progress progress) throws SQLException, IOException {
        String stem = owner + "_" + name.model();
        Member onnx = ExternalDataPackage.model(model.members());
        Member descriptor = ExternalDataPackage.descriptor(model.members());
        List<Member> ordered = new ArrayList<>(model.members());
        ordered.removeAll(List.of(onnx, descriptor));
        ordered.add(descriptor);
        ordered.add(onnx); // the model last: a file it names is already there when it arrives
        double share = 0.65 / ordered.size();
        for (int i = 0; i < ordered.size(); i++) {
            Member member = ordered.get(i);
            String fileName = member == onnx ? stem + ExternalDataPackage.MODEL_SUFFIX
                    : member == descriptor ? stem + ExternalDataPackage.DESCRIPTOR_SUFFIX : member.name();
            write(connection, model, member, directory, fileName, progress, 0.1 + share * i, 0.1 + share * (i + 1));
        }
        progress.report("loading " + name.qualified() + " from directory " + directory
                + " (DBMS_VECTOR.LOAD_ONNX_MODEL)", 0.78);
        try (CallableStatement load = connection.prepareCall(OracleSql.LOAD_FROM_DIRECTORY)) {
            load.setString(1, directory);
            load.setString(2, stem + ExternalDataPackage.MODEL_SUFFIX);
            load.setString(3, name.qualified());
            load.setString(4, metadata);
            load.setString(5, stem + ExternalDataPackage.DESCRIPTOR_SUFFIX);
            load.execute();
        }
    }

    private static void write(Connection connection, UnpackedModel model, Member member, String directory,
            String fileName, Progress progress, double from, double to) throws SQLException, IOException {
        Blob blob = ModelLoader.send(connection, model.file(member), progress, from, to);
        try (CallableStatement write = connection.prepareCall(OracleSql.WRITE_FILE)) {
            progress.report("writing " + fileName + " into directory " + directory, to);
            write.setBlob(1, blob);
            write.setString(2, directory);
            write.setString(3, fileName);
            write.execute();
        } finally {
            blob.free();
        }
    }
}
