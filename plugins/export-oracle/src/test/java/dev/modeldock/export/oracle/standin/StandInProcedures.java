package dev.modeldock.export.oracle.standin;

import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The entry points H2 calls for the rewritten Oracle statements (see {@link OracleSqlRewriter}). Each
 * takes the stand-in's name and the session user first, spliced in by the rewriter. H2 passes an
 * {@link SQLException} thrown here to the caller unchanged, so the ORA code survives.
 */
public final class StandInProcedures {
    private StandInProcedures() {
    }

    /** DBMS_VECTOR.LOAD_ONNX_MODEL(model_name => ?, model_data => ?, metadata => JSON(?)). */
    public static void loadOnnxModel(String database, String user, String modelName, Blob modelData, String metadata)
            throws SQLException {
        OracleStandIn.database(database).catalog().load(user, modelName, modelData, metadata);
    }

    /**
     * DBMS_VECTOR.LOAD_ONNX_MODEL(directory => ?, file_name => ?, model_name => ?, metadata => JSON(?),
     * external_data_file_name => ?).
     */
    public static void loadOnnxModelFromDirectory(String database, String user, String directory, String fileName,
            String modelName, String metadata, String descriptor) throws SQLException {
        OracleStandIn.database(database).catalog().loadFromDirectory(user, directory, fileName, modelName, metadata,
                descriptor);
    }

    /** The PL/SQL block writing a BLOB into a directory's file with UTL_FILE.PUT_RAW. */
    public static void writeFile(String database, String user, Blob data, String directory, String fileName)
            throws SQLException {
        OracleStandIn.database(database).catalog().writeFile(directory, fileName, data);
    }

    /** DBMS_VECTOR.DROP_ONNX_MODEL(model_name => ?, force => ...). */
    public static void dropOnnxModel(String database, String user, String modelName, boolean force)
            throws SQLException {
        OracleStandIn.database(database).catalog().drop(user, modelName, force);
    }

    /** FROM_VECTOR(VECTOR_EMBEDDING(owner.model USING ? AS attribute) RETURNING CLOB). */
    public static Clob vectorEmbedding(Connection connection, String database, String owner, String model,
            String attribute, String text) throws SQLException {
        String vector = OracleStandIn.database(database).catalog().embed(owner, model, attribute, text);
        if (vector == null) {
            return null;
        }
        Clob clob = connection.createClob();
        clob.setString(1, vector);
        return clob;
    }

    /** PREDICTION(owner.model USING value AS name, ...) of a regression model or numeric labels. */
    public static Double predictionNumber(String database, String owner, String model, String... namesAndValues)
            throws SQLException {
        Object prediction = OracleStandIn.database(database).catalog().prediction(owner, model, using(namesAndValues));
        if (prediction == null || prediction instanceof Number) {
            return prediction == null ? null : ((Number) prediction).doubleValue();
        }
        throw OracleErrors.undocumented("model " + owner + "." + model + " predicts text, it was prepared as a number");
    }

    /** PREDICTION(owner.model USING ...) of a classification model with string labels. */
    public static String predictionText(String database, String owner, String model, String... namesAndValues)
            throws SQLException {
        Object prediction = OracleStandIn.database(database).catalog().prediction(owner, model, using(namesAndValues));
        return prediction == null ? null : prediction.toString();
    }

    /** PREDICTION_PROBABILITY(owner.model[, class] USING ...). */
    public static Double predictionProbability(String database, String owner, String model, boolean classGiven,
            String classValue, String... namesAndValues) throws SQLException {
        return OracleStandIn.database(database).catalog().probability(owner, model, classValue, classGiven,
                using(namesAndValues));
    }

    /** The USING clause, attribute name to text, from alternating names and values. */
    private static Map<String, String> using(String[] namesAndValues) {
        Map<String, String> using = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            using.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return using;
    }
}
