package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.config.Settings;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.testkit.plugin.Plugins;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the server listens, what it refuses before creating anything, and who may read its files. */
class ServerBindingTest {
    @Test
    void byDefaultTheServerListensOnLoopbackOnly(@TempDir Path tempDir) {
        assertEquals("127.0.0.1", new RegistryServerConfig().host);
        try (ServerFixture fixture = ServerFixture.start(tempDir.resolve("data"))) {
            InetSocketAddress bound = fixture.server.address();
            assertTrue(bound.getAddress().isLoopbackAddress(), bound.toString());
            assertEquals(fixture.server.port(), bound.getPort());
            fixture.anonymous().get("/api/v1/health").expect(200);
        }
    }

    @Test
    void aTeamServerListensOnEveryInterface(@TempDir Path tempDir) {
        try (ServerFixture fixture = ServerFixture.start(tempDir.resolve("data"), config -> config.host = "0.0.0.0")) {
            assertTrue(fixture.server.address().getAddress().isAnyLocalAddress(), fixture.server.address().toString());
            fixture.anonymous().get("/api/v1/health").expect(200);
        }
    }

    @Test
    void aTakenPortIsRefusedInOneLineBeforeTheDataFolderIsMade(@TempDir Path tempDir) throws Exception {
        Path dataDir = tempDir.resolve("data");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            ModelDockException e = assertThrows(ModelDockException.class, () -> RegistryServer.start(config -> {
                config.port = port;
                config.dataDir = dataDir;
            }, Plugins.builtIn(), Settings.defaults(), new PrintStream(new ByteArrayOutputStream(), true)));
            assertTrue(e.getMessage().contains("port " + port), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        assertTrue(Files.notExists(dataDir), "no data folder, database, admin user or token");
    }

    @Test
    void anUnknownHostIsRefusedByName() {
        RegistryServerConfig config = new RegistryServerConfig();
        config.host = " ";
        ModelDockException e = assertThrows(ModelDockException.class, config::validate);
        assertTrue(e.getMessage().contains("host"), e.getMessage());
    }

    @Test
    void theDataFolderAndEverythingInItAreReadableByTheirOwnerOnly(@TempDir Path tempDir) throws Exception {
        Path dataDir = tempDir.resolve("data");
        try (ServerFixture fixture = ServerFixture.start(dataDir, config -> config.secrets.adminToken = null)) {
            fixture.anonymous().get("/api/v1/health").expect(200);
            assertOwnerOnly(dataDir);
        }
        assertOwnerOnly(dataDir);
    }

    private static void assertOwnerOnly(Path dataDir) throws Exception {
        List<String> names;
        try (Stream<Path> paths = Files.walk(dataDir)) {
            List<Path> all = paths.toList();
            names = all.stream().map(p -> dataDir.relativize(p).toString()).toList();
            for (Path path : all) {
                String permissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
                assertEquals(Files.isDirectory(path) ? "rwx------" : "rw-------", permissions, path.toString());
            }
        }
        assertTrue(names.containsAll(List.of("registry.mv.db", "admin-token", "secret.key", "work")), names.toString());
    }
}
