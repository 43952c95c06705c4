package dev.modeldock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.modeldock.server.RegistryServerConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code serve}'s options reach the server's configuration. */
class ServeCommandTest {
    @Test
    void theFolderForTargetFilesIsTheOneGivenOrLeftToTheServersDefault() {
        RegistryServerConfig given = configured("--data-dir", "/srv/modeldock", "--targets-dir", "/srv/exports");
        assertEquals(Path.of("/srv/exports"), given.targetsDir);
        RegistryServerConfig left = configured("--data-dir", "/srv/modeldock");
        assertNull(left.targetsDir, "null: the server uses DATA_DIR/targets");
    }

    @Test
    void artifactsStayInTheDatabaseUnlessAnObjectStoreIsGiven() {
        RegistryServerConfig given = configured("--artifact-store", "s3://models/team", "--artifact-store-endpoint",
                "http://127.0.0.1:9000", "--artifact-store-credentials", "/etc/modeldock/s3");
        assertEquals("s3://models/team", given.artifacts.location);
        assertEquals("http://127.0.0.1:9000", given.artifacts.endpoint);
        assertEquals(Path.of("/etc/modeldock/s3"), given.artifacts.credentialsFile);
        RegistryServerConfig left = configured();
        assertNull(left.artifacts.location, "null: artifacts in the database");
        assertNull(left.artifacts.endpoint);
    }

    private static RegistryServerConfig configured(String... args) {
        ServeCommand serve = new ServeCommand();
        new picocli.CommandLine(serve).parseArgs(args);
        RegistryServerConfig config = new RegistryServerConfig();
        serve.configure(config);
        return config;
    }
}
