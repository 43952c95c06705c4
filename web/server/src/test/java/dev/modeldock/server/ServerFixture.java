package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modeldock.config.Settings;
import dev.modeldock.registry.Role;
import dev.modeldock.service.Json;
import dev.modeldock.testkit.api.ApiClient;
import dev.modeldock.testkit.onnx.SmallModels;
import dev.modeldock.testkit.plugin.Plugins;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real registry server on a free port over an embedded database in a temporary folder, with the
 * built-in plugins loaded through pf4j, and clients of its API ({@link ApiClient}) with or without a
 * token. Each test class starts its own ({@link #perClass()}), so classes do not see each other's data.
 */
final class ServerFixture implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    /** The first admin's token, given as MODELDOCK_ADMIN_TOKEN would give it. */
    static final String ADMIN_TOKEN = "mdk_test-admin-token-0123456789";
    static final ObjectMapper JSON = Json.MAPPER;

    /** Metadata Oracle accepts for {@link #regressor()}. */
    static final String REGRESSOR_METADATA = SmallModels.FEATURE_REGRESSOR_METADATA;
    /** Metadata Oracle accepts for {@link #classifier()}. */
    static final String CLASSIFIER_METADATA = SmallModels.IRIS_CLASSIFIER_METADATA;

    RegistryServer server;
    Path dataDir;
    private ByteArrayOutputStream startupOutput;
    private ApiClient anonymous;
    /** For {@link #perClass}: how the server is configured, and that the fixture owns its folder. */
    private final Consumer<RegistryServerConfig> configure;
    /** For {@link #perClass}: the engine's settings, given the data folder. */
    private final Function<Path, Settings> settings;

    private ServerFixture(Consumer<RegistryServerConfig> configure, Function<Path, Settings> settings) {
        this.configure = configure;
        this.settings = settings;
    }

    /**
     * One server shared by every test of a class, as a JUnit extension: started on a fresh folder
     * before the class's own {@code @BeforeAll} methods run, stopped and removed after the class.
     * Use {@code @RegisterExtension static final ServerFixture server = ServerFixture.perClass();}.
     */
    static ServerFixture perClass() {
        return perClass(config -> { });
    }

    /** {@link #perClass()} with what {@code configure} changes in the defaults of {@link #start(Path)}. */
    static ServerFixture perClass(Consumer<RegistryServerConfig> configure) {
        return perClass(configure, dataDir -> Settings.defaults());
    }

    /** {@link #perClass(Consumer)} with the engine settings {@code settings} makes of the data folder. */
    static ServerFixture perClass(Consumer<RegistryServerConfig> configure, Function<Path, Settings> settings) {
        return new ServerFixture(configure, settings);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Path folder = Files.createTempDirectory("modeldock-server-test-");
        open(folder, configure, settings.apply(folder));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }

    /** Defaults: any free port, anonymous reads on, the first admin's token {@link #ADMIN_TOKEN}. */
    static ServerFixture start(Path dataDir) {
        return start(dataDir, config -> { });
    }

    /** The defaults of {@link #start(Path)}, then what {@code configure} changes. */
    static ServerFixture start(Path dataDir, Consumer<RegistryServerConfig> configure) {
        return start(dataDir, configure, Settings.defaults());
    }

    static ServerFixture start(Path dataDir, Consumer<RegistryServerConfig> configure, Settings settings) {
        ServerFixture fixture = new ServerFixture(configure, folder -> settings);
        fixture.open(dataDir, configure, settings);
        return fixture;
    }

    private void open(Path dataDir, Consumer<RegistryServerConfig> configure, Settings settings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            this.server = RegistryServer.start(config -> {
                config.port = 0;
                config.dataDir = dataDir;
                config.secrets.adminToken = ADMIN_TOKEN;
                configure.accept(config);
            }, Plugins.builtIn(), settings, new PrintStream(out, true, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.dataDir = dataDir;
        this.startupOutput = out;
        this.anonymous = ApiClient.local(server.port(), null);
    }

    /** What the server printed while starting. */
    String startupOutput() {
        return startupOutput.toString(StandardCharsets.UTF_8);
    }

    ApiClient admin() {
        return as(ADMIN_TOKEN);
    }

    ApiClient anonymous() {
        return anonymous;
    }

    ApiClient as(String token) {
        return anonymous.as(token);
    }

    /** A new user of {@code role} (named after it, made unique) and a client with their token. */
    ApiClient newUser(Role role) {
        String name = role.id() + "-" + UUID.randomUUID().toString().substring(0, 8);
        admin().post("/api/v1/users", Map.of("name", name, "role", role.id())).expect(201);
        return as(admin().post("/api/v1/users/" + name + "/tokens", Map.of("label", "tests")).expect(201)
                .json().path("token").asText());
    }

    @Override
    public void close() {
        server.close();
    }

    static byte[] regressor() {
        return SmallModels.featureRegressor().toByteArray();
    }

    static byte[] classifier() {
        return SmallModels.irisClassifier().toByteArray();
    }

    /**
     * Everything the registry holds, as the API lists it (models, their versions and alias moves,
     * targets, deployments, users) plus the row count of every table, read over JDBC from the same
     * embedded database: a refused request must leave all of it as it was.
     */
    JsonNode storedState() {
        com.fasterxml.jackson.databind.node.ObjectNode state = JSON.createObjectNode();
        JsonNode models = admin().get("/api/v1/models?limit=500").expect(200).json();
        state.set("models", models);
        for (JsonNode model : models.path("items")) {
            String name = model.path("name").asText();
            state.set("versions:" + name, admin().get("/api/v1/models/" + name + "/versions?limit=500").expect(200)
                    .json());
            state.set("aliases:" + name, admin().get("/api/v1/models/" + name + "/aliases").expect(200).json());
        }
        state.set("targets", admin().get("/api/v1/targets").expect(200).json());
        state.set("deployments", admin().get("/api/v1/deployments").expect(200).json());
        state.set("users", admin().get("/api/v1/users").expect(200).json());
        state.set("rows", JSON.valueToTree(rowCounts()));
        return state;
    }

    /** Rows in each table of the embedded registry database. */
    Map<String, Long> rowCounts() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        try (Connection connection = DriverManager.getConnection(
                dev.modeldock.registry.RegistryDatabase.embeddedUrl(dataDir), "", "")) {
            List<String> tables = new java.util.ArrayList<>();
            try (ResultSet rows = connection.createStatement().executeQuery("SELECT TABLE_NAME FROM"
                    + " INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet count = connection.createStatement().executeQuery("SELECT COUNT(*) FROM \"" + table
                        + "\"")) {
                    count.next();
                    counts.put(table, count.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new AssertionError("cannot count the registry's rows", e);
        }
        assertTrue(counts.containsKey("MODEL_VERSION"), "tables found: " + counts.keySet());
        return counts;
    }

    /** Fails unless the stored state is what it was before a refused request. */
    static void assertUnchanged(JsonNode before, JsonNode after, String request) {
        assertEquals(before, after, "stored data changed after " + request);
    }
}
