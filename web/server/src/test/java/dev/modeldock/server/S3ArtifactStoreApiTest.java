package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.config.Settings;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.testkit.api.ApiResponse;
import dev.modeldock.testkit.plugin.Plugins;
import dev.modeldock.testkit.s3.S3Server;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server started with its artifacts in an S3-compatible store (S3Proxy): an ONNX upload through
 * the REST API lands in the bucket under its SHA-256, not in the database, and downloads whole and
 * by range as from the database store.
 */
class S3ArtifactStoreApiTest {
    private static final String BUCKET = "modeldock-server";
    private static final String PREFIX = "team/artifacts";

    @TempDir
    static Path dataDir;
    static S3Server s3;
    static ServerFixture server;

    @BeforeAll
    static void start() {
        s3 = S3Server.start(BUCKET);
        server = ServerFixture.start(dataDir, inBucket(S3Server.SECRET_KEY));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        s3.close();
    }

    @Test
    void anUploadIsStoredInTheBucketAndDownloadsWholeAndByRange() throws Exception {
        byte[] onnx = ServerFixture.classifier();
        String sha = VersionUploadApiTest.sha256(onnx);
        server.admin().createModel("s3-classifier");
        server.admin().upload("s3-classifier", onnx, ServerFixture.CLASSIFIER_METADATA);

        ApiResponse whole = server.anonymous().get("/api/v1/models/s3-classifier/versions/1/artifact").expect(200);
        assertArrayEquals(onnx, whole.body());
        assertEquals("\"" + sha + "\"", whole.header("ETag"));
        ApiResponse range = server.anonymous().get("/api/v1/models/s3-classifier/versions/1/artifact",
                Map.of("Range", "bytes=10-29")).expect(206);
        assertArrayEquals(Arrays.copyOfRange(onnx, 10, 30), range.body());

        // S3Proxy's filesystem backend keeps an object as a file named by its key.
        assertTrue(Files.isRegularFile(s3.folder().resolve(BUCKET).resolve(PREFIX + "/sha256/" + sha)));
        assertEquals(0, server.server.registry().artifacts().find(sha).orElseThrow().chunkCount(),
                "no chunk in the database");
        assertTrue(server.startupOutput().contains("artifacts in s3://" + BUCKET + "/" + PREFIX),
                server.startupOutput());
    }

    @Test
    void aServerWhoseCredentialsTheStoreRefusesDoesNotStartAndDoesNotShowTheSecret(@TempDir Path otherData) {
        String wrong = "wrong-secret-3e7a91";
        ModelDockException e = assertThrows(ModelDockException.class, () -> RegistryServer.start(config -> {
            config.port = 0;
            config.dataDir = otherData;
            inBucket(wrong).accept(config);
        }, Plugins.builtIn(), Settings.defaults(), new PrintStream(new ByteArrayOutputStream(), true)));

        assertTrue(e.getMessage().contains("refused the credentials") && e.getMessage().contains(BUCKET),
                e.getMessage());
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
    }

    private static Consumer<RegistryServerConfig> inBucket(String secretKey) {
        return config -> {
            config.artifacts.location = "s3://" + BUCKET + "/" + PREFIX;
            config.artifacts.endpoint = s3.endpoint().toString();
            config.artifacts.environment = Map.of("AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY,
                    "AWS_SECRET_ACCESS_KEY", secretKey);
        };
    }
}
