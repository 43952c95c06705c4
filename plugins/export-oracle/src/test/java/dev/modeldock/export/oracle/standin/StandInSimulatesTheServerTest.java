package dev.modeldock.export.oracle.standin;

import static dev.modeldock.export.oracle.standin.StandInRefusesWhatOracleRefusesTest.assertOra;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logon, the preflight views and the simulated server states, as the settings describe them. */
class StandInSimulatesTheServerTest {
    @TempDir
    Path folder;

    private StandInDatabase database;

    @AfterEach
    void stop() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void refusesAWrongPasswordOrAnUnknownUserWithOra01017() {
        database = StandInSettings.named("logon").account("scott", "tiger").start();

        assertOra(1017, assertThrows(SQLException.class,
                () -> DriverManager.getConnection(database.url(), "scott", "lion")));
        assertOra(1017, assertThrows(SQLException.class,
                () -> DriverManager.getConnection(database.url(), "adams", "tiger")));
        assertDoesNotThrow(() -> DriverManager.getConnection(database.url(), "Scott", "tiger").close());
    }

    @Test
    void answersThePreflightOfADefault23aiDatabase() throws Exception {
        database = StandInSettings.named("preflight").start();
        try (Connection session = StandInClient.connect(database)) {
            assertEquals(List.of(List.of("23.0.0.0.0")), StandInClient.rows(session, OracleSqlRewriter.VERSION));
            assertEquals(List.of(List.of("PACKAGE", "VALID"), List.of("PACKAGE BODY", "VALID")),
                    StandInClient.rows(session, OracleSqlRewriter.DBMS_VECTOR_STATUS));
            assertEquals(List.of(List.of("CREATE MINING MODEL")),
                    StandInClient.rows(session, OracleSqlRewriter.MINING_PRIVILEGES));
        }
    }

    @Test
    void simulatesA19cDatabaseWithoutDbmsVector() throws Exception {
        database = StandInSettings.named("release-19").version("19.0.0.0.0").start();
        try (Connection session = StandInClient.connect(database)) {
            assertEquals(List.of(List.of("19.0.0.0.0")), StandInClient.rows(session, OracleSqlRewriter.VERSION));
            assertEquals(List.of(), StandInClient.rows(session, OracleSqlRewriter.DBMS_VECTOR_STATUS));
            SQLException error = assertThrows(SQLException.class, () -> load(session));
            assertOra(6550, error);
            assertTrue(error.getMessage().contains("PLS-00201: identifier 'DBMS_VECTOR.LOAD_ONNX_MODEL' must be"
                    + " declared"), error.getMessage());
        }
    }

    @Test
    void simulatesAnInvalidDbmsVectorBody() throws Exception {
        database = StandInSettings.named("invalid-body").dbmsVector(StandInSettings.PackageState.INVALID).start();
        try (Connection session = StandInClient.connect(database)) {
            assertEquals(List.of(List.of("PACKAGE", "VALID"), List.of("PACKAGE BODY", "INVALID")),
                    StandInClient.rows(session, OracleSqlRewriter.DBMS_VECTOR_STATUS));
            assertOra(4063, assertThrows(SQLException.class, () -> load(session)));
            assertOra(4063, assertThrows(SQLException.class, () -> StandInClient.drop(session, "doc_model")));
        }
    }

    @Test
    void refusesALoadWithoutCreateMiningModel() throws Exception {
        database = StandInSettings.named("no-privilege").privileges("CREATE SESSION").start();
        try (Connection session = StandInClient.connect(database)) {
            assertEquals(List.of(), StandInClient.rows(session, OracleSqlRewriter.MINING_PRIVILEGES));
            assertOra(1031, assertThrows(SQLException.class, () -> load(session)));
        }
        database.close();
        database = StandInSettings.named("no-privilege").start();
        try (Connection session = StandInClient.connect(database)) {
            assertOra(1031, assertThrows(SQLException.class, () -> StandInClient.load(session, "other.doc_model",
                    StandInModels.embedding().write(folder.resolve("m.onnx")), StandInClient.EMBEDDING_METADATA)));
        }
    }

    @Test
    void raisesAnInjectedLoadFailureAndKeepsNothing() throws Exception {
        database = StandInSettings.named("failing").failLoadsWith(54467, "Out of memory when trying to load a ONNX"
                + " model.").start();
        try (Connection session = StandInClient.connect(database)) {
            SQLException error = assertThrows(SQLException.class, () -> load(session));
            assertOra(54467, error);
            assertEquals(List.of(List.of("0")),
                    StandInClient.rows(session, OracleSqlRewriter.MODEL_EXISTS, null, "DOC_MODEL"));
        }
        assertEquals(0, database.storedFileCount());
    }

    @Test
    void dropsAnAbsentModelWithForceUnlessToldOtherwise() throws Exception {
        database = StandInSettings.named("drops").start();
        try (Connection session = StandInClient.connect(database)) {
            assertDoesNotThrow(() -> StandInClient.drop(session, "never_loaded"));
            assertOra(40281, assertThrows(SQLException.class, () -> StandInClient.drop(session, "not-a-name")));
        }
        database.close();
        database = StandInSettings.named("drops").dropOfAbsentModelFails().start();
        try (Connection session = StandInClient.connect(database)) {
            assertOra(40281, assertThrows(SQLException.class, () -> StandInClient.drop(session, "never_loaded")));
        }
    }

    @Test
    void refusesEmbeddingWithAnUnknownModelOrAttribute() throws Exception {
        database = StandInSettings.named("scoring").start();
        try (Connection session = StandInClient.connect(database)) {
            assertOra(40281, assertThrows(SQLException.class,
                    () -> StandInClient.embed(session, "DOC_MODEL", "DATA", "text")));
            load(session);
            assertOra(20000, assertThrows(SQLException.class,
                    () -> StandInClient.embed(session, "DOC_MODEL", "TEXT", "text")));
            assertOra(40281, assertThrows(SQLException.class,
                    () -> StandInClient.embed(session, "\"doc_model\"", "DATA", "text")));
        }
    }

    @Test
    void rewritesStatementTextsAndRefusesEveryOtherText() throws Exception {
        database = StandInSettings.named("texts").start();
        try (Connection session = StandInClient.connect(database); Statement statement = session.createStatement()) {
            try (ResultSet rows = statement.executeQuery(OracleSqlRewriter.VERSION)) {
                assertTrue(rows.next());
                assertEquals("23.0.0.0.0", rows.getString(1));
            }
            assertSame(session, statement.getConnection());
            assertThrows(SQLFeatureNotSupportedException.class, () -> statement.executeQuery("SELECT 1 FROM DUAL"));
            assertThrows(SQLFeatureNotSupportedException.class,
                    () -> session.prepareStatement(OracleSqlRewriter.VERSION.toLowerCase()));
            assertThrows(SQLFeatureNotSupportedException.class,
                    () -> session.prepareCall("BEGIN DBMS_VECTOR.DROP_ONNX_MODEL(?); END;"));
        }
    }

    @Test
    void forgetsAStoppedDatabase() throws Exception {
        database = StandInSettings.named("stopped").start();
        String url = database.url();
        database.close();
        database = null;

        SQLException error = assertThrows(SQLException.class, () -> DriverManager.getConnection(url,
                StandInSettings.DEFAULT_USER, StandInSettings.DEFAULT_PASSWORD));
        assertFalse(error.getMessage().startsWith("ORA-"), error.getMessage());
    }

    private void load(Connection session) throws Exception {
        StandInClient.load(session, "doc_model", StandInModels.embedding().write(folder.resolve("pipeline.onnx")),
                StandInClient.EMBEDDING_METADATA);
    }
}
