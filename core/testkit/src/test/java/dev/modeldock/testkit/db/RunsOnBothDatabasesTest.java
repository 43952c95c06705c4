package dev.modeldock.testkit.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** {@link DatabaseTest}: a run per database, each on an empty database of its own that is gone afterwards. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunsOnBothDatabasesTest {
    private static final List<TestDatabase> SEEN = new ArrayList<>();

    @DatabaseTest
    @Order(1)
    void eachRunGetsAnEmptyDatabaseOfItsOwnThatItCanWriteTo(TestDatabase database, TestDatabase sameRun)
            throws SQLException {
        assertSame(database, sameRun, "one database per run, however many parameters ask for it");
        SEEN.add(database);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE probe (id INT)");
            statement.execute("INSERT INTO probe VALUES (1)");
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM probe")) {
                rows.next();
                assertEquals(1, rows.getInt(1), "the table is new, so the database was empty");
            }
        }
        assertTrue(Files.isDirectory(database.folder()));
    }

    @Test
    @Order(2)
    void theRunsWereOnH2AndOnPostgresqlAndTheirDatabasesAreGone() throws SQLException {
        assertEquals(List.of(TestDatabase.Kind.H2, TestDatabase.Kind.POSTGRESQL), SEEN.stream().map(TestDatabase::kind)
                .toList());
        assertNull(SEEN.get(0).user(), "H2's file database needs no user");
        assertNotEquals(SEEN.get(0).folder(), SEEN.get(1).folder());
        for (TestDatabase database : SEEN) {
            assertFalse(Files.exists(database.folder()), database + " left its folder");
        }
        String schema = SEEN.get(1).url().replaceAll(".*currentSchema=", "");
        try (Connection connection = java.sql.DriverManager.getConnection(TestDatabase.SERVER_URL,
                TestDatabase.SERVER_USER, TestDatabase.SERVER_PASSWORD);
                ResultSet rows = connection.getMetaData().getSchemas(null, schema)) {
            assertFalse(rows.next(), "schema " + schema + " was not dropped");
        }
    }

    @DatabaseTest(TestDatabase.Kind.H2)
    @Order(3)
    void aTestMayAskForOneDatabaseOnly(TestDatabase database) {
        assertEquals(TestDatabase.Kind.H2, database.kind());
        assertFalse(database.isPostgres());
    }

    @AfterAll
    static void forget() {
        SEEN.clear();
    }
}
