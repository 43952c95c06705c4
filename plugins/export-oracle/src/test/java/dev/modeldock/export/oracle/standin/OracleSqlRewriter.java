package dev.modeldock.export.oracle.standin;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the exact SQL texts the export-oracle plugin sends (OracleSql), and the scoring queries of
 * {@link PredictionSql}, into H2 SQL for one session, and refuses every other text. The texts are
 * copied here on purpose: a test ({@code StandInUnderstandsThePluginsSqlTest}) checks them against
 * the plugin's, so a change on either side is seen.
 */
final class OracleSqlRewriter {
    static final String VERSION = "SELECT VERSION_FULL FROM PRODUCT_COMPONENT_VERSION WHERE PRODUCT LIKE 'Oracle%'";
    static final String DBMS_VECTOR_STATUS = "SELECT OBJECT_TYPE, STATUS FROM ALL_OBJECTS WHERE OWNER = 'SYS'"
            + " AND OBJECT_NAME = 'DBMS_VECTOR' AND OBJECT_TYPE IN ('PACKAGE', 'PACKAGE BODY')";
    static final String MINING_PRIVILEGES = "SELECT PRIVILEGE FROM SESSION_PRIVS WHERE PRIVILEGE IN"
            + " ('CREATE MINING MODEL', 'CREATE ANY MINING MODEL')";
    static final String MODEL_EXISTS =
            "SELECT COUNT(*) FROM ALL_MINING_MODELS WHERE OWNER = NVL(?, USER) AND MODEL_NAME = ?";
    static final String DROP = "BEGIN DBMS_VECTOR.DROP_ONNX_MODEL(model_name => ?, force => TRUE); END;";
    static final String LOAD = "BEGIN DBMS_VECTOR.LOAD_ONNX_MODEL(model_name => ?, model_data => ?,"
            + " metadata => JSON(?)); END;";
    static final String DIRECTORY_VISIBLE = "SELECT COUNT(*) FROM ALL_DIRECTORIES WHERE DIRECTORY_NAME = ?";
    static final String WRITE_FILE = "DECLARE data BLOB := ?;"
            + " file UTL_FILE.FILE_TYPE := UTL_FILE.FOPEN(?, ?, 'wb', 32767);"
            + " total INTEGER := DBMS_LOB.GETLENGTH(data); position INTEGER := 1; amount BINARY_INTEGER;"
            + " piece RAW(32767);"
            + " BEGIN WHILE position <= total LOOP amount := LEAST(32767, total - position + 1);"
            + " DBMS_LOB.READ(data, amount, position, piece); UTL_FILE.PUT_RAW(file, piece, TRUE);"
            + " position := position + amount; END LOOP; UTL_FILE.FCLOSE(file);"
            + " EXCEPTION WHEN OTHERS THEN IF UTL_FILE.IS_OPEN(file) THEN UTL_FILE.FCLOSE(file); END IF; RAISE; END;";
    static final String LOAD_FROM_DIRECTORY = "BEGIN DBMS_VECTOR.LOAD_ONNX_MODEL(directory => ?, file_name => ?,"
            + " model_name => ?, metadata => JSON(?), external_data_file_name => ?); END;";
    static final String MODEL_ROW = "SELECT MINING_FUNCTION, ALGORITHM FROM ALL_MINING_MODELS"
            + " WHERE OWNER = NVL(?, USER) AND MODEL_NAME = ?";
    static final String MODEL_ATTRIBUTES = "SELECT ATTRIBUTE_NAME, ATTRIBUTE_TYPE, DATA_TYPE, VECTOR_INFO"
            + " FROM ALL_MINING_MODEL_ATTRIBUTES WHERE OWNER = NVL(?, USER) AND MODEL_NAME = ? ORDER BY ATTRIBUTE_NAME";

    /** SELECT FROM_VECTOR(VECTOR_EMBEDDING([schema.]model USING ? AS attribute) RETURNING CLOB) FROM DUAL */
    static final Pattern EMBEDDING = Pattern.compile("SELECT FROM_VECTOR\\(VECTOR_EMBEDDING\\((?:("
            + ModelName.IDENTIFIER + ")\\.)?(" + ModelName.IDENTIFIER + ") USING \\? AS (" + ModelName.IDENTIFIER
            + ")\\) RETURNING CLOB\\) FROM DUAL");

    private static final String SESSION_OWNER = "NVL(?, USER)";

    private final String database;
    private final String user;
    private final Map<String, String> texts;

    OracleSqlRewriter(String database, String user) {
        this.database = database;
        this.user = user;
        String owner = "COALESCE(?, " + literal(user) + ")";
        String call = "CALL STANDIN_%s(" + literal(database) + ", " + literal(user) + ", %s)";
        this.texts = Map.ofEntries(
                Map.entry(DIRECTORY_VISIBLE, DIRECTORY_VISIBLE),
                Map.entry(WRITE_FILE, String.format(call, "WRITE_FILE", "?, ?, ?")),
                Map.entry(LOAD_FROM_DIRECTORY, String.format(call, "LOAD_ONNX_MODEL_FILE", "?, ?, ?, ?, ?")),
                Map.entry(VERSION, VERSION),
                Map.entry(DBMS_VECTOR_STATUS, DBMS_VECTOR_STATUS),
                Map.entry(MINING_PRIVILEGES, MINING_PRIVILEGES),
                Map.entry(MODEL_EXISTS, MODEL_EXISTS.replace(SESSION_OWNER, owner)),
                Map.entry(MODEL_ROW, MODEL_ROW.replace(SESSION_OWNER, owner)),
                Map.entry(MODEL_ATTRIBUTES, MODEL_ATTRIBUTES.replace(SESSION_OWNER, owner)),
                Map.entry(DROP, String.format(call, "DROP_ONNX_MODEL", "?, TRUE")),
                Map.entry(LOAD, String.format(call, "LOAD_ONNX_MODEL", "?, ?, ?")));
    }

    /** The H2 statement for {@code sql}, which must be one of the plugin's texts. */
    String toH2(String sql) throws SQLException {
        String h2 = texts.get(sql);
        if (h2 != null) {
            return h2;
        }
        Matcher embedding = sql == null ? null : EMBEDDING.matcher(sql);
        if (embedding != null && embedding.matches()) {
            String owner = embedding.group(1) == null ? user : ModelName.identifier(embedding.group(1));
            return "SELECT STANDIN_VECTOR_EMBEDDING(" + literal(database) + ", " + literal(owner) + ", "
                    + literal(ModelName.identifier(embedding.group(2))) + ", "
                    + literal(ModelName.identifier(embedding.group(3))) + ", CAST(? AS VARCHAR)) FROM DUAL";
        }
        String prediction = sql == null ? null : PredictionSql.toH2(sql, database, user, this::predictsText);
        if (prediction != null) {
            return prediction;
        }
        throw new SQLFeatureNotSupportedException("the Oracle stand-in only understands the SQL texts of the"
                + " export-oracle plugin (OracleSql) and PREDICTION/PREDICTION_PROBABILITY queries"
                + " (PredictionSql); it was sent: " + sql);
    }

    private boolean predictsText(String owner, String model) {
        try {
            return OracleStandIn.database(database).catalog().predictsText(owner, model);
        } catch (SQLException e) {
            return false; // no such database: the call fails when it runs
        }
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
