package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.config.Settings;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.testkit.plugin.Plugins;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's options: their defaults, and a bad one refused by name before anything starts. */
class RegistryServerConfigTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        RegistryServerConfig config = new RegistryServerConfig();
        assertEquals(7070, config.port);
        assertEquals(Path.of(System.getProperty("user.home"), ".modeldock"), config.dataDir);
        assertNull(config.database.url, "embedded H2");
        assertTrue(config.auth.anonymousRead);
        assertEquals((1L << 31) - 1, config.uploads.maxBytes, "Oracle takes ONNX files below 2 GB");
        assertEquals(2, config.jobs.threads);
        assertEquals(Duration.ofSeconds(30), config.jobs.lease);
        assertTrue(config.jobs.run && config.servesHttp, "one server answers and runs jobs");
        assertNull(config.secrets.adminToken);
        assertNull(config.secrets.key);
        assertEquals(2048, config.isolation.heapMb);
        assertEquals(8192, config.isolation.memoryMb);
        assertEquals(Duration.ofSeconds(60), config.isolation.loadCheckTimeout);
        assertEquals(Duration.ofHours(1), config.isolation.conversionTimeout);
        config.validate();
    }

    @Test
    void badOptionsAreRefusedByName() {
        assertRefused(config -> config.port = 70_000, "port");
        assertRefused(config -> config.port = -1, "port");
        assertRefused(config -> config.dataDir = null, "dataDir");
        assertRefused(config -> config.uploads.maxBytes = 0, "uploads.maxBytes");
        assertRefused(config -> config.jobs.threads = 0, "jobs.threads");
        assertRefused(config -> config.jobs.queueCapacity = 0, "jobs.queueCapacity");
        assertRefused(config -> config.isolation.heapMb = 16, "isolation.heapMb");
        assertRefused(config -> config.isolation.memoryMb = config.isolation.heapMb, "isolation.memoryMb");
        assertRefused(config -> config.isolation.loadCheckTimeout = Duration.ZERO, "isolation.loadCheckTimeout");
        assertRefused(config -> config.isolation.conversionTimeout = null, "isolation.conversionTimeout");
        assertRefused(config -> config.jobs.lease = Duration.ZERO, "jobs.lease");
        assertRefused(config -> config.jobs.run = false, "--no-workers needs a database that several servers share");
        assertRefused(config -> config.servesHttp = false, "--workers-only needs a database that several servers"
                + " share");
        assertRefused(config -> {
            config.database.url = "jdbc:postgresql://db/modeldock";
            config.jobs.run = false;
            config.servesHttp = false;
        }, "neither serves HTTP nor runs jobs");
    }

    @Test
    void aServerWithBadOptionsDoesNotStartOrTouchTheDataFolder(@TempDir Path tempDir) {
        Path dataDir = tempDir.resolve("data");
        ModelDockException e = assertThrows(ModelDockException.class, () -> RegistryServer.start(config -> {
            config.port = 0;
            config.dataDir = dataDir;
            config.jobs.threads = 0;
        }, Plugins.builtIn(), Settings.defaults(), new PrintStream(new ByteArrayOutputStream(), true)));
        assertTrue(e.getMessage().contains("jobs.threads"), e.getMessage());
        assertTrue(Files.notExists(dataDir), "nothing created");
    }

    private static void assertRefused(Consumer<RegistryServerConfig> change, String option) {
        RegistryServerConfig config = new RegistryServerConfig();
        change.accept(config);
        ModelDockException e = assertThrows(ModelDockException.class, config::validate);
        assertTrue(e.getMessage().contains(option), e.getMessage());
    }
}
