package dev.modeldock.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ModelDockException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The releases a model is exported for, their limits, and how a database's version maps to them. */
class OracleReleaseTest {

    @Test
    void exportsAreFor23aiUnlessToldOtherwise() {
        assertEquals(OracleRelease.DB_23AI, OracleRelease.DEFAULT);
        assertEquals(List.of(23, 26), OracleRelease.numbers());
    }

    @Test
    void release23TakesOneGibibyteAnd26ProtobufsTwo() {
        assertEquals(1L << 30, OracleRelease.DB_23AI.maxFileBytes());
        assertEquals(Integer.MAX_VALUE, OracleRelease.DB_26AI.maxFileBytes());
        assertEquals("Oracle Database 26ai", OracleRelease.DB_26AI.displayName());
    }

    @Test
    void aReleaseIsNamedByItsNumberWithOrWithoutAi() {
        assertEquals(OracleRelease.DB_26AI, OracleRelease.parse("26"));
        assertEquals(OracleRelease.DB_23AI, OracleRelease.parse(" 23ai "));
        assertEquals(OracleRelease.DB_26AI, OracleRelease.of(26));
    }

    @ParameterizedTest
    @ValueSource(strings = {"19", "24", "0", "twenty-six", "", "99999999999"})
    void anyOtherReleaseIsRefusedNamingTheTwoThereAre(String text) {
        ModelDockException e = assertThrows(ModelDockException.class, () -> OracleRelease.parse(text));
        assertTrue(e.getMessage().contains("give 23 (23ai, files up to 1 GB) or 26 (26ai, files up to 2 GB)"),
                e.getMessage());
    }

    @Test
    void a26aiDatabaseReportsRelease23WithReleaseUpdate26OrLater() {
        assertEquals(Optional.of(OracleRelease.DB_26AI), OracleRelease.ofDatabaseVersion("23.26.0.0.0"));
        assertEquals(Optional.of(OracleRelease.DB_26AI), OracleRelease.ofDatabaseVersion("23.26.1.0.0"));
        assertEquals(Optional.of(OracleRelease.DB_26AI), OracleRelease.ofDatabaseVersion("26.1.0.0.0"));
    }

    @Test
    void a23aiDatabaseIsAnyOther23Version() {
        assertEquals(Optional.of(OracleRelease.DB_23AI), OracleRelease.ofDatabaseVersion("23.7.0.25.01"));
        assertEquals(Optional.of(OracleRelease.DB_23AI), OracleRelease.ofDatabaseVersion("23.4.0.24.05"));
        assertEquals(Optional.of(OracleRelease.DB_23AI), OracleRelease.ofDatabaseVersion("23.0.0.0.0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"19.0.0.0.0", "21.3.0.0.0", "", "Oracle 23", "23.x"})
    void anOlderOrUnreadableVersionIsNoRelease(String version) {
        assertEquals(Optional.empty(), OracleRelease.ofDatabaseVersion(version));
    }
}
