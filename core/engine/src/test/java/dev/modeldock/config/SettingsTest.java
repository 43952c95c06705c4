package dev.modeldock.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ModelDockException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings dictionary of OML4Py's EmbeddingModel, with ModelDock's own cache folder. */
class SettingsTest {

    private static Path home() {
        String home = System.getenv("HOME");
        return Path.of(home != null ? home : System.getProperty("user.home"));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        Settings settings = Settings.defaults();
        assertEquals(home().resolve(".cache").resolve("modeldock"), settings.cacheDir());
        assertEquals(LogLevel.ERROR, settings.loggingLevel());
        assertFalse(settings.forceDownload());
        assertFalse(settings.ignoreChecksumError());
    }

    @Test
    void anEmptyMapGivesTheDefaults() {
        assertEquals(Settings.defaults(), Settings.fromMap(Map.of()));
    }

    @Test
    void givenKeysOverrideTheirDefaultsAndOnlyThose() {
        Settings settings = Settings.fromMap(Map.of("cache_dir", "/data/models", "force_download", true));
        assertEquals(Path.of("/data/models"), settings.cacheDir());
        assertTrue(settings.forceDownload());
        assertEquals(LogLevel.ERROR, settings.loggingLevel());
        assertFalse(settings.ignoreChecksumError());

        assertFalse(settings.ignoreQualityGate());

        Settings other = Settings.fromMap(Map.of("logging_level", "DEBUG", "ignore_checksum_error", true,
                "ignore_quality_gate", true));
        assertEquals(LogLevel.DEBUG, other.loggingLevel());
        assertTrue(other.ignoreChecksumError());
        assertTrue(other.ignoreQualityGate());
        assertEquals(Settings.defaults().cacheDir(), other.cacheDir());
    }

    @Test
    void everyDocumentedLoggingLevelIsAccepted() {
        for (String level : List.of("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")) {
            assertEquals(level, Settings.fromMap(Map.of("logging_level", level)).loggingLevel().name());
        }
    }

    @Test
    void anUnknownKeyIsAnErrorNamingItAndTheValidKeys() {
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> Settings.fromMap(Map.of("cache_directory", "/tmp")));
        assertTrue(e.getMessage().contains("cache_directory"), e.getMessage());
        for (String key : List.of("cache_dir", "logging_level", "force_download", "ignore_checksum_error",
                "ignore_quality_gate")) {
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
    }

    @Test
    void anInvalidLoggingLevelIsAnErrorListingTheValidLevels() {
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> Settings.fromMap(Map.of("logging_level", "VERBOSE")));
        assertTrue(e.getMessage().contains("VERBOSE"), e.getMessage());
        for (String level : List.of("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")) {
            assertTrue(e.getMessage().contains(level), e.getMessage());
        }
    }

    @Test
    void settingsOfTheWrongTypeAreErrorsNamingTheSetting() {
        ModelDockException flag = assertThrows(ModelDockException.class,
                () -> Settings.fromMap(Map.of("force_download", "yes")));
        assertTrue(flag.getMessage().contains("force_download"), flag.getMessage());
        ModelDockException dir = assertThrows(ModelDockException.class,
                () -> Settings.fromMap(Map.of("cache_dir", 42)));
        assertTrue(dir.getMessage().contains("cache_dir"), dir.getMessage());
    }
}
