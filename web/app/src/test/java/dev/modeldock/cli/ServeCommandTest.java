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

    private static RegistryServerConfig configured(String... args) {
        ServeCommand serve = new ServeCommand();
        new picocli.CommandLine(serve).parseArgs(args);
        RegistryServerConfig config = new RegistryServerConfig();
        serve.configure(config);
        return config;
    }
}
