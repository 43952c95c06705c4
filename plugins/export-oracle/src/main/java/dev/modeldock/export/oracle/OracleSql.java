package dev.modeldock.export.oracle;

import java.util.List;

/**
 * Every SQL text this target sends, in one place: what a database (or a stand-in for one) must
 * answer. Binds are positional; a model name is only ever bound, except inside VECTOR_EMBEDDING,
 * PREDICTION and PREDICTION_PROBABILITY, whose model must be an identifier and is spliced in after
 * {@link DatabaseModelName} has validated it.
 */
final class OracleSql {
    private OracleSql() {
    }

    /** The database's full release: "23.7.0.25.01" on 23ai, "23.26.0.0.0" on 26ai (whose VERSION is 23.0.0.0.0). */
    static final String VERSION =
            "SELECT VERSION_FULL FROM PRODUCT_COMPONENT_VERSION WHERE PRODUCT LIKE 'Oracle%'";

    /** Status (VALID or INVALID) of the DBMS_VECTOR package and its body, as the session sees them. */
    static final String DBMS_VECTOR_STATUS =
            "SELECT OBJECT_TYPE, STATUS FROM ALL_OBJECTS WHERE OWNER = 'SYS' AND OBJECT_NAME = 'DBMS_VECTOR'"
                    + " AND OBJECT_TYPE IN ('PACKAGE', 'PACKAGE BODY')";

    /** Which of the privileges that allow creating a mining model the session holds. */
    static final String MINING_PRIVILEGES =
            "SELECT PRIVILEGE FROM SESSION_PRIVS WHERE PRIVILEGE IN ('CREATE MINING MODEL', 'CREATE ANY MINING MODEL')";

    /** 1 when the model exists; binds: owner (null for the session's schema), model name. */
    static final String MODEL_EXISTS =
            "SELECT COUNT(*) FROM ALL_MINING_MODELS WHERE OWNER = NVL(?, USER) AND MODEL_NAME = ?";

    /** Drops a model whatever its state; bind: [schema.]model name. */
    static final String DROP =
            "BEGIN DBMS_VECTOR.DROP_ONNX_MODEL(model_name => ?, force => TRUE); END;";

    /** The BLOB overload; binds: [schema.]model name, model bytes (BLOB), metadata (JSON text). */
    static final String LOAD =
            "BEGIN DBMS_VECTOR.LOAD_ONNX_MODEL(model_name => ?, model_data => ?, metadata => JSON(?)); END;";

    /** 1 when the session may use the database directory; bind: the directory's name. */
    static final String DIRECTORY_VISIBLE = "SELECT COUNT(*) FROM ALL_DIRECTORIES WHERE DIRECTORY_NAME = ?";

    /**
     * Writes a BLOB into a file of a database directory, replacing one of the same name, 32 KB at a
     * time (UTL_FILE's largest write); binds: the bytes (BLOB), the directory, the file name.
     */
    static final String WRITE_FILE = "DECLARE data BLOB := ?;"
            + " file UTL_FILE.FILE_TYPE := UTL_FILE.FOPEN(?, ?, 'wb', 32767);"
            + " total INTEGER := DBMS_LOB.GETLENGTH(data); position INTEGER := 1; amount BINARY_INTEGER;"
            + " piece RAW(32767);"
            + " BEGIN WHILE position <= total LOOP amount := LEAST(32767, total - position + 1);"
            + " DBMS_LOB.READ(data, amount, position, piece); UTL_FILE.PUT_RAW(file, piece, TRUE);"
            + " position := position + amount; END LOOP; UTL_FILE.FCLOSE(file);"
            + " EXCEPTION WHEN OTHERS THEN IF UTL_FILE.IS_OPEN(file) THEN UTL_FILE.FCLOSE(file); END IF; RAISE; END;";

    /**
     * The directory overload with 26ai's external data; binds: directory, ONNX file name, [schema.]model
     * name, metadata (JSON text), the external-data descriptor's file name.
     */
    static final String LOAD_FROM_DIRECTORY = "BEGIN DBMS_VECTOR.LOAD_ONNX_MODEL(directory => ?, file_name => ?,"
            + " model_name => ?, metadata => JSON(?), external_data_file_name => ?); END;";

    /** Function and algorithm of a loaded model; binds: owner (null for the session's), model name. */
    static final String MODEL_ROW =
            "SELECT MINING_FUNCTION, ALGORITHM FROM ALL_MINING_MODELS WHERE OWNER = NVL(?, USER) AND MODEL_NAME = ?";

    /** A loaded model's attributes; binds: owner (null for the session's), model name. */
    static final String MODEL_ATTRIBUTES =
            "SELECT ATTRIBUTE_NAME, ATTRIBUTE_TYPE, DATA_TYPE, VECTOR_INFO FROM ALL_MINING_MODEL_ATTRIBUTES"
                    + " WHERE OWNER = NVL(?, USER) AND MODEL_NAME = ? ORDER BY ATTRIBUTE_NAME";

    /**
     * The embedding of one text as text ("[1.0E-001,...]"); the model identifier and the attribute
     * name are spliced in (both validated identifiers), the text is bound.
     */
    static String embedding(String qualifiedModel, String attribute) {
        return "SELECT FROM_VECTOR(VECTOR_EMBEDDING(" + qualifiedModel + " USING ? AS " + attribute
                + ") RETURNING CLOB) FROM DUAL";
    }

    /**
     * A regression model's (reranker's) prediction for one row, as a number; the texts are bound in
     * the order of {@code attributes}, validated identifiers spliced in like the model's.
     */
    static String prediction(String qualifiedModel, List<String> attributes) {
        return "SELECT PREDICTION(" + qualifiedModel + " USING " + using(attributes) + ") FROM DUAL";
    }

    /** A classification model's probability of its best class for one row; binds as for {@link #prediction}. */
    static String predictionProbability(String qualifiedModel, List<String> attributes) {
        return "SELECT PREDICTION_PROBABILITY(" + qualifiedModel + " USING " + using(attributes) + ") FROM DUAL";
    }

    private static String using(List<String> attributes) {
        return String.join(", ", attributes.stream().map(attribute -> "? AS " + attribute).toList());
    }
}
