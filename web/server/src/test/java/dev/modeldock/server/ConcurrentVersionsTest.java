package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.config.Settings;
import dev.modeldock.metadata.MetadataJson;
import dev.modeldock.metadata.MetadataProposer;
import dev.modeldock.metadata.MlFunction;
import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.testkit.api.ApiClient;
import dev.modeldock.testkit.db.DatabaseTest;
import dev.modeldock.testkit.db.TestDatabase;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import dev.modeldock.testkit.onnx.SmallModels;
import dev.modeldock.testkit.plugin.Plugins;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Twenty clients creating versions of the same model at once get twenty distinct, consecutive
 * version numbers", through the HTTP API, on the embedded database and on PostgreSQL.
 */
class ConcurrentVersionsTest {
    private static final String TOKEN = "concurrent-versions-admin-token";
    private static final int CLIENTS = 20;

    @TempDir
    Path tempDir;

    @DatabaseTest
    void twentyConcurrentUploadsGetTwentyConsecutiveNumbers(TestDatabase database) throws Exception {
        Path model = OnnxFixtures.write(SmallModels.featureRegressor(), tempDir.resolve("regressor.onnx"));
        String metadata = MetadataJson.write(MetadataProposer.propose(ModelSignature.of(OnnxModels.read(model)),
                MlFunction.REGRESSION));
        try (RegistryServer server = RegistryServer.start(config -> {
            config.port = 0;
            config.dataDir = database.folder();
            config.secrets.adminToken = TOKEN;
            if (database.isPostgres()) {
                config.database.url = database.url();
                config.database.user = database.user();
                config.database.password = database.password();
            }
        }, Plugins.builtIn(), Settings.defaults(), new PrintStream(new ByteArrayOutputStream(), true))) {
            ApiClient http = ApiClient.local(server.port(), TOKEN);
            http.createModel("regressor");

            List<Integer> numbers = uploadAtOnce(http, model, metadata);

            List<Integer> expected = IntStream.rangeClosed(1, CLIENTS).boxed().toList();
            assertEquals(expected, numbers.stream().sorted().toList(), "distinct and consecutive: " + numbers);
            JsonNode versions = http.get("/api/v1/models/regressor/versions").expect(200).json().path("items");
            List<Integer> listed = new ArrayList<>();
            versions.forEach(v -> listed.add(v.path("number").asInt()));
            assertEquals(expected, listed);
            assertEquals(1, listed.stream().map(n -> versions.get(n - 1).path("artifact").path("sha256").asText())
                    .distinct().count(), "the same bytes are stored once");
            assertEquals(CLIENTS, http.get("/api/v1/models/regressor").expect(200).json().path("latestVersion")
                    .asInt());
            // No upload is in progress now, so the sweeps may run: the race left nothing behind for them.
            assertEquals(0, server.registry().artifacts().sweepStaging(), "no half-stored copy");
            assertEquals(0, server.registry().artifacts().sweepUnreferenced(), "no unused artifact");
        }
    }

    /** The numbers the server gave, in the order the clients were started. */
    private static List<Integer> uploadAtOnce(ApiClient http, Path model, String metadata) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<JsonNode>> answers = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                answers.add(clients.submit(() -> {
                    start.await();
                    return http.upload("regressor", model, metadata);
                }));
            }
            start.countDown();
            List<Integer> numbers = new ArrayList<>();
            for (Future<JsonNode> answer : answers) {
                numbers.add(answer.get(2, TimeUnit.MINUTES).path("number").asInt());
            }
            return numbers;
        } finally {
            clients.shutdownNow();
        }
    }
}
