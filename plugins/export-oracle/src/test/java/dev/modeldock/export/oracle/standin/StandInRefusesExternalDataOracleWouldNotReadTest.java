package dev.modeldock.export.oracle.standin;

import static dev.modeldock.export.oracle.standin.StandInRefusesWhatOracleRefusesTest.assertOra;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory side of the stand-in: UTL_FILE's write and LOAD_ONNX_MODEL's directory overload
 * refuse what Oracle would, each with its ORA code, and load nothing.
 */
class StandInRefusesExternalDataOracleWouldNotReadTest {
    @TempDir
    Path folder;

    @Test
    void a23aiDatabaseHasNoExternalDataParameter() throws Exception {
        Path directory = Files.createDirectory(folder.resolve("models"));
        StandInModels.embedding().write(directory.resolve("M.onnx"));
        try (StandInDatabase database = StandInSettings.named("ext23").directory("models", directory, "READ").start();
                Connection session = StandInClient.connect(database)) {
            SQLException error = assertThrows(SQLException.class,
                    () -> loadFromDirectory(session, "M.onnx", "M_external_data.json"));

            assertOra(6550, error);
            assertTrue(error.getMessage().contains("PLS-00306"), error.getMessage());
            assertEquals(0, database.storedFileCount());
        }
    }

    @Test
    void aDescriptorNamingADataFileTheDirectoryLacksIsRefused() throws Exception {
        Path directory = Files.createDirectory(folder.resolve("models"));
        StandInModels.embedding().write(directory.resolve("M.onnx"));
        Files.writeString(directory.resolve("M_external_data.json"), "{\"initializers\": [{\"name\": \"w\", \"type\":"
                + " \"FLOAT\", \"shape\": [4], \"location\": \"gone.dat\", \"offset\": 0, \"size\": 16}]}");
        try (StandInDatabase database = StandInSettings.named("ext26").version("23.26.0.0.0")
                .directory("models", directory, "READ").start();
                Connection session = StandInClient.connect(database)) {
            SQLException error = assertThrows(SQLException.class,
                    () -> loadFromDirectory(session, "M.onnx", "M_external_data.json"));

            assertOra(29283, error);
            assertTrue(error.getMessage().contains("gone.dat does not exist in directory MODELS"), error.getMessage());
            assertEquals(0, database.storedFileCount());
        }
    }

    @Test
    void utlFileRefusesAPathForAFileNameAndADirectoryNotGrantedForWriting() throws Exception {
        Path directory = Files.createDirectory(folder.resolve("models"));
        try (StandInDatabase database = StandInSettings.named("extwrite").version("23.26.0.0.0")
                .directory("models", directory, "READ", "WRITE").directory("readonly", directory, "READ").start();
                Connection session = StandInClient.connect(database)) {
            assertOra(29288, assertThrows(SQLException.class, () -> write(session, "MODELS", "../escape.onnx")));
            assertOra(29289, assertThrows(SQLException.class, () -> write(session, "READONLY", "M.onnx")));
            assertOra(29280, assertThrows(SQLException.class, () -> write(session, "ELSEWHERE", "M.onnx")));
            write(session, "MODELS", "M.onnx");

            assertEquals("abc", Files.readString(directory.resolve("M.onnx")));
            assertTrue(Files.notExists(folder.resolve("escape.onnx")));
        }
    }

    private static void loadFromDirectory(Connection session, String file, String descriptor) throws SQLException {
        try (CallableStatement load = session.prepareCall(OracleSqlRewriter.LOAD_FROM_DIRECTORY)) {
            load.setString(1, "MODELS");
            load.setString(2, file);
            load.setString(3, "M");
            load.setString(4, StandInClient.EMBEDDING_METADATA);
            load.setString(5, descriptor);
            load.execute();
        } catch (SQLException e) {
            throw OracleErrors.unwrap(e);
        }
    }

    private static void write(Connection session, String directory, String file) throws SQLException {
        Blob bytes = session.createBlob();
        bytes.setBytes(1, "abc".getBytes());
        try (CallableStatement write = session.prepareCall(OracleSqlRewriter.WRITE_FILE)) {
            write.setBlob(1, bytes);
            write.setString(2, directory);
            write.setString(3, file);
            write.execute();
        } catch (SQLException e) {
            throw OracleErrors.unwrap(e);
        }
    }
}
