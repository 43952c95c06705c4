package dev.modeldock.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.config.Settings;
import dev.modeldock.metadata.MetadataProblem;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.NotFoundException;
import dev.modeldock.registry.Role;
import dev.modeldock.registry.Version;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import dev.modeldock.testkit.onnx.SmallModels;
import dev.modeldock.testkit.plugin.Plugins;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application without HTTP: what the API calls, called directly, as a web UI would. Client
 * mistakes come back as domain exceptions, never as HTTP statuses.
 */
class ServicesTest {
    private static final String REGRESSOR_METADATA = SmallModels.FEATURE_REGRESSOR_METADATA;

    @TempDir
    static Path dataDir;
    static Services services;
    static final ByteArrayOutputStream startup = new ByteArrayOutputStream();

    @BeforeAll
    static void open() throws Exception {
        ServiceConfig config = new ServiceConfig();
        config.dataDir = dataDir;
        config.secrets.adminToken = "services-test-admin-token";
        services = Services.open(config, Plugins.builtIn(), Settings.defaults(),
                new PrintStream(startup, true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void close() {
        services.close();
    }

    @Test
    void openingMakesTheFirstAdminFromTheGivenToken() {
        assertEquals(Role.ADMIN, services.users().authenticate("services-test-admin-token").orElseThrow().role());
        assertTrue(startup.toString(StandardCharsets.UTF_8).contains(AdminBootstrap.ADMIN_TOKEN_ENV));
        assertTrue(services.users().authenticate("not-a-token").isEmpty());
    }

    @Test
    void anUploadIsCheckedStoredAndRecordedAsAVersion(@TempDir Path tempDir) throws Exception {
        Path onnx = OnnxFixtures.write(SmallModels.featureRegressor(), tempDir.resolve("regressor.onnx"));
        services.models().create("svc-regressor", null, null, "tester");

        VersionService.Uploaded uploaded = services.versions().upload("svc-regressor", file -> Files.copy(onnx, file),
                "mine.onnx", REGRESSOR_METADATA, 26, "tester");
        Version version = uploaded.version();
        assertTrue(uploaded.identicalTo().isEmpty(), "the model's first version repeats none");

        assertEquals(1, version.number());
        assertEquals("tester", version.createdBy());
        assertEquals(Files.size(onnx), version.sizeBytes());
        assertTrue(version.lineage().contains("mine.onnx"), version.lineage());
        assertEquals(version, services.versions().get("svc-regressor", "1"));
        try (var in = services.versions().openArtifact(version)) {
            assertArrayEquals(Files.readAllBytes(onnx), in.readAllBytes());
        }
        Map<String, Object> document = VersionDocument.of(version);
        assertEquals("/api/v1/models/svc-regressor/versions/1/artifact",
                ((Map<?, ?>) document.get("artifact")).get("href"));
    }

    @Test
    void aModelOracleWouldRefuseIsADomainExceptionListingItsProblems(@TempDir Path tempDir) throws Exception {
        Path onnx = OnnxFixtures.write(SmallModels.featureRegressor(), tempDir.resolve("regressor.onnx"));
        services.models().create("svc-refused", null, null, "tester");
        String clustering = "{\"function\": \"clustering\"}";

        ModelRefusedException e = assertThrows(ModelRefusedException.class, () -> services.versions()
                .upload("svc-refused", file -> Files.copy(onnx, file), "mine.onnx", clustering, 26, "tester"));

        assertTrue(e.getMessage().startsWith("Oracle would refuse this model"), e.getMessage());
        assertFalse(e.problems().isEmpty());
        assertTrue(e.problems().stream().allMatch(MetadataProblem::isError));
        assertEquals(e.problems().size(), e.problemDocuments().size());
        assertTrue(services.versions().list("svc-refused").isEmpty(), "nothing stored");
    }

    @Test
    void unknownModelsAndBadRequestsAreRefusedBeforeAnyWork() {
        assertThrows(NotFoundException.class, () -> services.versions().upload("svc-missing",
                file -> { throw new AssertionError("the upload must not be read"); }, "x.onnx", "{}", 26, "tester"));
        assertThrows(NotFoundException.class, () -> services.versions().convert("svc-missing",
                new ConversionRequest("sentence-transformers/all-MiniLM-L6-v2", null, null, null, false, null, null),
                "tester"));
        services.models().create("svc-convert", null, null, "tester");
        ModelDockException e = assertThrows(ModelDockException.class, () -> services.versions().convert(
                "svc-convert", new ConversionRequest(" ", null, null, null, false, null, null), "tester"));
        assertTrue(e.getMessage().contains("'source' is missing"), e.getMessage());
        ModelDockException noPlugin = assertThrows(ModelDockException.class, () -> services.targets()
                .save("svc-target", null, Map.of(), true, "tester"));
        assertTrue(noPlugin.getMessage().contains("'plugin' is missing"), noPlugin.getMessage());
    }

    @Test
    void secretTargetSettingsAreSealedAsThePluginSays() {
        services.targets().save("svc-oracle", "oracle", Map.of("url", "jdbc:oracle:thin:@//db/x", "user", "SCOTT",
                "password", "tiger"), true, "tester");
        var profile = services.targets().get("svc-oracle");
        assertFalse(profile.settings().containsKey("password"));
        assertTrue(profile.secretKeys().contains("password"));
        assertEquals("tiger", services.registry().targets().settingsForExport("svc-oracle").get("password"));
    }
}
