package dev.modeldock.ui.browser;

import dev.modeldock.config.Settings;
import dev.modeldock.registry.Role;
import dev.modeldock.server.RegistryServer;
import dev.modeldock.server.RegistryServerConfig;
import dev.modeldock.testkit.api.ApiClient;
import dev.modeldock.testkit.plugin.Plugins;
import dev.modeldock.ui.WebUi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real registry server with the web UI on a free port, over an embedded database in a temporary
 * folder, with the built-in plugins loaded through pf4j; one per test class
 * ({@code @RegisterExtension static final UiServer server = new UiServer();}). It has one user per
 * role, each with the password {@link #PASSWORD}: {@code admin}, {@code editor}, {@code deployer},
 * {@code viewer}.
 */
public final class UiServer implements BeforeAllCallback, AfterAllCallback {
    public static final String ADMIN_TOKEN = "mdk_ui-test-admin-token-0123456789";
    public static final String PASSWORD = "correct horse battery";

    private final Consumer<RegistryServerConfig> configure;
    private RegistryServer server;
    private Path dataDir;

    public UiServer() {
        this(config -> { });
    }

    public UiServer(Consumer<RegistryServerConfig> configure) {
        this.configure = configure;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("modeldock-ui-test-");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        server = RegistryServer.start(config -> {
            config.port = 0;
            config.dataDir = dataDir;
            config.secrets.adminToken = ADMIN_TOKEN;
            configure.accept(config);
        }, Plugins.builtIn(), new Settings(dataDir.resolve("model-cache"), Settings.defaults().loggingLevel(), false,
                false, false), new PrintStream(out, true, StandardCharsets.UTF_8),
                List.of(new WebUi()));
        server.services().sessions().setPassword("admin", PASSWORD.toCharArray(), "test");
        for (Role role : List.of(Role.EDITOR, Role.DEPLOYER, Role.VIEWER)) {
            server.services().users().create(role.id(), role, "test");
            server.services().sessions().setPassword(role.id(), PASSWORD.toCharArray(), "test");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        server.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }

    /** {@code http://127.0.0.1:PORT} */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public RegistryServer server() {
        return server;
    }

    /** The data folder; model sources placed under {@code sources/} are inside the server's source roots. */
    public Path dataDir() {
        return dataDir;
    }

    /** A REST client with the admin's token, for arranging what a test starts from. */
    public ApiClient admin() {
        return ApiClient.local(server.port(), ADMIN_TOKEN);
    }

    /** Creates a model through the API. */
    public void createModel(String name, String description, List<String> tags) {
        admin().post("/api/v1/models", Map.of("name", name, "description", description, "tags", tags)).expect(201);
    }

    /** Resolves the server-relative folder for writing fixtures. */
    public Path sources() {
        try {
            return Files.createDirectories(dataDir.resolve("sources"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
