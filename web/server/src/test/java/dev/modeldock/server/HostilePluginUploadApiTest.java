package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.testkit.api.ApiResponse;
import dev.modeldock.testkit.api.MultipartBody;
import dev.modeldock.testkit.thirdparty.HostileZips;
import dev.modeldock.testkit.thirdparty.ThirdPartyPlugin;
import dev.modeldock.testkit.thirdparty.ThirdPartyPlugin.Failure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Plugin uploads made to break the server: each is refused with a 4xx naming what is wrong (or,
 * for a plugin that throws only when used, fails the one job using it, naming the plugin), nothing
 * of it stays on disk, the running plugins are as they were, and the next request is served.
 */
class HostilePluginUploadApiTest {
    private static final long MAX_ZIP = 256 << 10;
    private static final long MAX_UNPACKED = 1 << 20;

    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass(config -> {
        config.plugins.maxZipBytes = MAX_ZIP;
        config.plugins.maxUnpackedBytes = MAX_UNPACKED;
        config.plugins.maxEntries = 50;
    });

    private JsonNode before;

    @BeforeEach
    void rememberThePlugins() {
        before = server.admin().get("/api/v1/plugins").expect(200).json();
    }

    /** The running plugins are untouched, the plugin folder holds nothing new, and the server serves. */
    @AfterEach
    void serverStillServesTheSamePlugins() throws IOException {
        assertEquals(before, server.admin().get("/api/v1/plugins").expect(200).json());
        try (Stream<Path> left = Files.walk(server.dataDir.resolve("plugins"))) {
            List<Path> files = left.filter(Files::isRegularFile).toList();
            assertEquals(List.of(), files, "nothing of a refused upload stays in the plugin folder");
        }
        try (Stream<Path> left = Files.list(server.dataDir.resolve("work/plugin-uploads"))) {
            assertEquals(List.of(), left.toList(), "the spooled upload is deleted");
        }
        server.anonymous().get("/api/v1/health").expect(200);
    }

    @Test
    void anEntryClimbingOutOfThePluginFolderIs422NamingIt() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("plugin.properties", "plugin.id=evil\nplugin.version=1.0.0\n");
        files.put("../../../escaped.txt", "owned");
        upload(HostileZips.withEntries(files)).expectError(422, "'../../../escaped.txt'", "leave the plugin's folder");
        assertTrue(Files.notExists(server.dataDir.resolve("escaped.txt")));
        assertTrue(Files.notExists(server.dataDir.getParent().resolve("escaped.txt")));
    }

    @Test
    void aSymbolicLinkIs422() {
        upload(HostileZips.withSymlink(ThirdPartyPlugin.postProcessor("acme-link", "Link"), "lib/passwd"))
                .expectError(422, "symbolic link 'lib/passwd'");
    }

    @Test
    void aZipBombIs413FromItsDeclaredSizesBeforeAnythingIsUnpacked() {
        byte[] bomb = HostileZips.bomb("lib/zeros.bin", 64 << 20, 64 << 20);
        assertTrue(bomb.length < MAX_ZIP, "small enough to pass the upload limit: " + bomb.length);
        upload(bomb).expectError(413, "declares more than " + MAX_UNPACKED + " bytes unpacked");
        // serverStillServesTheSamePlugins: no file was written, not even a staging folder's.
    }

    @Test
    void aZipBombLyingAboutItsSizeIs413WhileInflating() {
        upload(HostileZips.bomb("lib/zeros.bin", 64 << 20, 1000)).expectError(413, "inflates to more than the 1000"
                + " bytes it declares");
    }

    @Test
    void anUploadOverTheSizeLimitIs413() {
        upload(new byte[(int) MAX_ZIP + 1]).expectError(413, "larger than the " + MAX_ZIP + " bytes");
    }

    @Test
    void aFileThatIsNoZipIs422() {
        upload("just text".getBytes()).expectError(422, "is not a zip file");
    }

    @Test
    void aJarWithoutAnExtensionIndexIs422SayingHowToBuildOne() {
        upload(ThirdPartyPlugin.postProcessor("acme-unindexed", "Unindexed").withoutExtensionIndex().zip(true))
                .expectError(422, "plugin 'acme-unindexed' has no extension index", "annotation processor");
    }

    @Test
    void aPluginRequiringAFutureApiIs422NamingBothVersions() {
        upload(ThirdPartyPlugin.postProcessor("acme-future", "Future").withRequires("^99.0.0").zip(true))
                .expectError(422, "plugin 'acme-future' requires plugin API ^99.0.0 but this modeldock has plugin API");
    }

    @Test
    void aPluginWhoseExtensionThrowsInItsConstructorIs422() {
        upload(ThirdPartyPlugin.postProcessor("acme-ctor", "Ctor").throwingIn(Failure.CONSTRUCTOR).zip(false))
                .expectError(422, "plugin 'acme-ctor': the constructor of PostProcessor class",
                        "threw IllegalStateException: Ctor broke on purpose");
    }

    @Test
    void aPluginNamingAnExtensionLikeARunningOneIs422() {
        upload(ThirdPartyPlugin.postProcessor("acme-pooling", "Pooling").zip(true)).expectError(422,
                "provides the PostProcessor 'Pooling', which plugin 'postprocessors' provides already");
    }

    @Test
    void aZipWithoutPluginPropertiesIs422() {
        upload(HostileZips.withEntries(Map.of("lib/readme.txt", "no descriptor"))).expectError(422,
                "has no plugin.properties");
    }

    @Test
    void aPluginThrowingDuringAConversionFailsThatJobNamingItAndTheServerGoesOn() {
        server.admin().post("/api/v1/plugins", new MultipartBody().file("file", "breaks.zip",
                ThirdPartyPlugin.postProcessor("acme-append", "Breaks").throwingIn(Failure.APPEND).zip(true)))
                .expect(201);
        try {
            server.admin().createModel("broken-by-plugin");
            String id = server.admin().post("/api/v1/models/broken-by-plugin/versions",
                    PluginsApiTestConversions.conversion(server, "Breaks")).expect(202).json().path("id").asText();
            JsonNode job = server.admin().awaitJob(id);
            assertEquals("failed", job.path("state").asText(), job.toString());
            assertTrue(job.path("error").asText().contains("plugin 'acme-append@1.0.0' failed in PostProcessor"
                    + " 'Breaks'.append: IllegalStateException: Breaks broke on purpose"), job.toString());
        } finally {
            server.admin().delete("/api/v1/plugins/acme-append").expect(204);
        }
    }

    private static ApiResponse upload(byte[] zip) {
        return server.admin().post("/api/v1/plugins", new MultipartBody().file("file", "plugin.zip", zip));
    }
}
