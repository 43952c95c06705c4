package dev.modeldock.export.oracle.standin;

import dev.modeldock.metadata.OracleRelease;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The dictionary views the plugin reads, as real H2 tables, written only through the database's own
 * auto-committing connection (model DDL commits at once in Oracle, whatever the session's transaction).
 */
final class Dictionary {
    private static final String PROCEDURES = StandInProcedures.class.getName();

    private final Connection system;

    Dictionary(Connection system) {
        this.system = system;
    }

    /** Creates the views, the procedures' aliases, and the rows the settings describe. */
    void create(StandInSettings settings) throws SQLException {
        try (Statement ddl = system.createStatement()) {
            ddl.execute("CREATE TABLE PRODUCT_COMPONENT_VERSION (PRODUCT VARCHAR(80), VERSION VARCHAR(80),"
                    + " VERSION_FULL VARCHAR(160), STATUS VARCHAR(80))");
            ddl.execute("CREATE TABLE ALL_OBJECTS (OWNER VARCHAR(128) NOT NULL, OBJECT_NAME VARCHAR(128) NOT NULL,"
                    + " OBJECT_TYPE VARCHAR(23), STATUS VARCHAR(7))");
            ddl.execute("CREATE TABLE SESSION_PRIVS (PRIVILEGE VARCHAR(40) NOT NULL)");
            ddl.execute("CREATE TABLE ALL_MINING_MODELS (OWNER VARCHAR(128) NOT NULL, MODEL_NAME VARCHAR(128) NOT NULL,"
                    + " MINING_FUNCTION VARCHAR(30), ALGORITHM VARCHAR(30), CREATION_DATE TIMESTAMP NOT NULL,"
                    + " MODEL_SIZE NUMERIC(20, 6), PRIMARY KEY (OWNER, MODEL_NAME))");
            ddl.execute("CREATE TABLE ALL_MINING_MODEL_ATTRIBUTES (OWNER VARCHAR(128) NOT NULL,"
                    + " MODEL_NAME VARCHAR(128) NOT NULL, ATTRIBUTE_NAME VARCHAR(128) NOT NULL,"
                    + " ATTRIBUTE_TYPE VARCHAR(12), DATA_TYPE VARCHAR(106), VECTOR_INFO VARCHAR(4000))");
            ddl.execute("CREATE TABLE ALL_DIRECTORIES (OWNER VARCHAR(128) NOT NULL, DIRECTORY_NAME VARCHAR(128) NOT NULL,"
                    + " DIRECTORY_PATH VARCHAR(4000))");
            ddl.execute("CREATE ALIAS STANDIN_LOAD_ONNX_MODEL FOR '" + PROCEDURES + ".loadOnnxModel'");
            ddl.execute("CREATE ALIAS STANDIN_LOAD_ONNX_MODEL_FILE FOR '" + PROCEDURES + ".loadOnnxModelFromDirectory'");
            ddl.execute("CREATE ALIAS STANDIN_WRITE_FILE FOR '" + PROCEDURES + ".writeFile'");
            ddl.execute("CREATE ALIAS STANDIN_DROP_ONNX_MODEL FOR '" + PROCEDURES + ".dropOnnxModel'");
            ddl.execute("CREATE ALIAS STANDIN_VECTOR_EMBEDDING FOR '" + PROCEDURES + ".vectorEmbedding'");
            ddl.execute("CREATE ALIAS STANDIN_PREDICTION_NUMBER FOR '" + PROCEDURES + ".predictionNumber'");
            ddl.execute("CREATE ALIAS STANDIN_PREDICTION_TEXT FOR '" + PROCEDURES + ".predictionText'");
            ddl.execute("CREATE ALIAS STANDIN_PREDICTION_PROBABILITY FOR '" + PROCEDURES + ".predictionProbability'");
        }
        boolean release23 = settings.majorRelease() >= 23;
        // As Oracle reports it: VERSION gives the major release only, VERSION_FULL the release update too.
        update("INSERT INTO PRODUCT_COMPONENT_VERSION VALUES (?, ?, ?, ?)",
                !release23 ? "Oracle Database 19c Enterprise Edition"
                        : settings.release().orElseThrow() == OracleRelease.DB_26AI ? "Oracle AI Database 26ai Free"
                        : "Oracle Database 23ai Free",
                settings.majorRelease() + ".0.0.0.0", settings.version,
                release23 ? "Develop, Learn, and Run for Free" : "Production");
        update("INSERT INTO ALL_OBJECTS VALUES ('SYS', 'DBMS_DATA_MINING', 'PACKAGE', 'VALID')");
        if (settings.dbmsVector != StandInSettings.PackageState.MISSING) {
            update("INSERT INTO ALL_OBJECTS VALUES ('SYS', 'DBMS_VECTOR', 'PACKAGE', 'VALID')");
            update("INSERT INTO ALL_OBJECTS VALUES ('SYS', 'DBMS_VECTOR', 'PACKAGE BODY', ?)",
                    settings.dbmsVector.name());
        }
        for (String privilege : settings.privileges) {
            update("INSERT INTO SESSION_PRIVS VALUES (?)", privilege);
        }
        // ALL_DIRECTORIES lists the directories the user holds some privilege on; directories belong to SYS.
        for (StandInSettings.Directory directory : settings.directories.values()) {
            if (!directory.grants().isEmpty()) {
                update("INSERT INTO ALL_DIRECTORIES VALUES ('SYS', ?, ?)", directory.name(),
                        directory.path().toString());
            }
        }
    }

    /** Adds a loaded model's rows. */
    void addModel(ModelName name, ModelDescription description, long bytes) throws SQLException {
        boolean autoCommit = system.getAutoCommit();
        system.setAutoCommit(false);
        try {
            update("INSERT INTO ALL_MINING_MODELS VALUES (?, ?, ?, 'ONNX', ?, ?)", name.owner(), name.name(),
                    description.function(), Timestamp.from(Instant.now()), bytes / 1048576.0);
            for (ModelDescription.Attribute attribute : description.attributes()) {
                update("INSERT INTO ALL_MINING_MODEL_ATTRIBUTES VALUES (?, ?, ?, ?, ?, NULL)", name.owner(),
                        name.name(), attribute.name(), attribute.attributeType(), attribute.dataType());
            }
            if (description.isEmbedding()) {
                update("INSERT INTO ALL_MINING_MODEL_ATTRIBUTES VALUES (?, ?, ?, 'VECTOR', 'VECTOR', ?)",
                        name.owner(), name.name(), ModelDescription.TARGET, description.vectorInfo());
            }
            system.commit();
        } catch (SQLException e) {
            system.rollback();
            throw e;
        } finally {
            system.setAutoCommit(autoCommit);
        }
    }

    /** Removes a model's rows. */
    void removeModel(ModelName name) throws SQLException {
        update("DELETE FROM ALL_MINING_MODEL_ATTRIBUTES WHERE OWNER = ? AND MODEL_NAME = ?", name.owner(), name.name());
        update("DELETE FROM ALL_MINING_MODELS WHERE OWNER = ? AND MODEL_NAME = ?", name.owner(), name.name());
    }

    private void update(String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = system.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }
}
