package dev.modeldock.server;

import static dev.modeldock.server.ServeProcess.api;
import static dev.modeldock.server.ServeProcess.serve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.cli.ModelDockCommand;
import dev.modeldock.host.Extensions;
import dev.modeldock.host.PluginSources;
import dev.modeldock.metadata.MetadataJson;
import dev.modeldock.metadata.MetadataProposer;
import dev.modeldock.metadata.MlFunction;
import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.plugin.Sha256;
import dev.modeldock.registry.RegistryDatabase;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.api.ApiClient;
import dev.modeldock.testkit.api.ApiResponse;
import dev.modeldock.testkit.api.ServerSentEvent;
import dev.modeldock.testkit.db.DatabaseTest;
import dev.modeldock.testkit.db.TestDatabase;
import dev.modeldock.testkit.jvm.ChildJvm;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import dev.modeldock.testkit.onnx.SmallModels;
import dev.modeldock.testkit.onnx.SyntheticModel;
import dev.modeldock.testkit.s3.S3Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several servers, each a child JVM with its own data folder, over one PostgreSQL and one
 * S3-compatible store (S3Proxy, in this JVM): jobs queued through any of them run exactly once on
 * one of them, their events reach a client of any server, and when one is killed the others fail its
 * job and sweep its partial upload once its lease runs out, while every stored artifact still verifies.
 */
class SeveralServersTest {
    private static final int LEASE_SECONDS = 3;
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final String BUCKET = "team-artifacts";
    private static final String PREFIX = "registry";

    @TempDir
    Path tempDir;
    private S3Server s3;

    @BeforeEach
    void startObjectStore() {
        s3 = S3Server.start(BUCKET);
    }

    @AfterEach
    void stopObjectStore() {
        s3.close();
    }

    @DatabaseTest(TestDatabase.Kind.POSTGRESQL)
    void jobsQueuedThroughThreeServersRunOnceEachAndAreFollowedThroughAnyOfThem(TestDatabase database)
            throws Exception {
        Path source = MiniLmHubFolder.create(tempDir.resolve("hub"));
        List<ChildJvm> servers = new ArrayList<>();
        try {
            servers.addAll(startAll(database, List.of("a", "b", "c"), "--job-threads", "1", "--source-root",
                    source.getParent().toString()));
            List<ApiClient> clients = servers.stream().map(ServeProcess::api).toList();
            clients.get(0).createModel("minilm");
            clients.get(0).createModel("small");
            Path small = OnnxFixtures.write(SmallModels.featureRegressor(), tempDir.resolve("small.onnx"));
            String metadata = MetadataJson.write(MetadataProposer.propose(ModelSignature.of(OnnxModels.read(small)),
                    MlFunction.REGRESSION));

            List<String> conversions = new ArrayList<>();
            List<CompletableFuture<ApiResponse>> uploads = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                ApiClient through = clients.get(i % 3);
                if (i == 0 || i == 14) { // two conversions, queued through the first and the third server
                    conversions.add(through.post("/api/v1/models/minilm/versions", Map.of("source",
                            source.toString())).expect(202).json().path("id").asText());
                } else {
                    uploads.add(through.uploadAsync("small", small, metadata));
                }
            }
            // Followed live, from while it runs to its end, through a server other than the one running it.
            String first = conversions.get(0);
            await("the first conversion to run", () -> clients.get(0).get("/api/v1/jobs/" + first).expect(200).json()
                    .path("state").asText().equals("running"));
            String runner = clients.get(0).get("/api/v1/jobs/" + first).json().path("server").asText();
            ChildJvm elsewhere = servers.stream().filter(server -> !isId(server, runner)).findFirst().orElseThrow();
            List<ServerSentEvent> followed = api(elsewhere).events(first, null).events();

            for (CompletableFuture<ApiResponse> upload : uploads) {
                upload.get().expect(201);
            }
            List<String> ranOn = new ArrayList<>();
            for (String id : conversions) {
                JsonNode job = clients.get(2).awaitJob(id);
                assertEquals("succeeded", job.path("state").asText(), job.toString());
                ranOn.add(job.path("server").asText());
                List<ServerSentEvent> states = clients.get(1).events(id, null).events().stream()
                        .filter(e -> e.kind().equals("state")).toList();
                assertEquals(2, states.size(), "one run, one end: " + states);
            }
            assertTrue(new HashSet<>(ranOn).size() > 1, "the conversions were shared out: " + ranOn);
            assertEquals(conversions.size(), versions(clients.get(1), "minilm"), "each conversion filed one version");
            assertEquals(uploads.size(), versions(clients.get(2), "small"), "each upload filed one version");
            assertEquals(2, objects("sha256").size(), "the object store holds the two distinct artifacts once each");
            assertEquals(List.of(), objects("staging"), "no staging object is left");
            for (String model : List.of("minilm", "small")) {
                assertArtifactsVerify(clients.get(1), model);
            }
            ServerSentEvent last = followed.get(followed.size() - 1);
            assertEquals("state", last.kind());
            assertTrue(last.data().contains("\"succeeded\""), last.data());
        } finally {
            servers.forEach(ChildJvm::close);
        }
    }

    @DatabaseTest(TestDatabase.Kind.POSTGRESQL)
    void aKilledServersJobFailsNamingItAndItsPartialUploadIsSweptWhileTheOthersGoOn(TestDatabase database)
            throws Exception {
        Path source = MiniLmHubFolder.create(tempDir.resolve("hub"));
        Path large = tempDir.resolve("large.onnx");
        SyntheticModel.writeRegressor(large, 96L << 20);
        String sourceRoot = source.getParent().toString();
        // The server that takes a job checks its source against its own roots, as the one running it does.
        ChildJvm front = start(database, "front", "--no-workers", "--source-root", sourceRoot);
        ChildJvm worker = start(database, "worker", "--source-root", sourceRoot);
        ChildJvm spare = null;
        try {
            ApiClient viaFront = api(front);
            ApiClient viaWorker = api(worker);
            viaFront.createModel("minilm");
            viaFront.createModel("big");
            String job = viaFront.post("/api/v1/models/minilm/versions", Map.of("source", source.toString()))
                    .expect(202).json().path("id").asText();
            await("the conversion to run on the server that runs jobs", () -> "running".equals(
                    viaFront.get("/api/v1/jobs/" + job).expect(200).json().path("state").asText()));
            String workerId = viaFront.get("/api/v1/jobs/" + job).json().path("server").asText();
            long stagedBefore = staged(database);
            CompletableFuture<ApiResponse> upload = viaWorker.uploadAsync("big", large,
                    SyntheticModel.regressorMetadata());
            await("the worker to store part of the upload", () -> staged(database) > stagedBefore);

            worker.kill();
            Instant killed = Instant.now();

            JsonNode failed = awaitFinished(viaFront, job);
            assertEquals("failed", failed.path("state").asText());
            assertEquals("interrupted: server " + workerId + " stopped while this job was running",
                    failed.path("error").asText());
            await("the killed server's partial upload to be swept", () -> staged(database) == 0
                    && objects("staging").isEmpty());
            assertTrue(Duration.between(killed, Instant.now()).toSeconds() < 4L * LEASE_SECONDS,
                    "cleared within about a lease");
            assertTrue(upload.handle((response, error) -> error != null || response.status() >= 500).get());
            assertEquals(0, versions(viaFront, "big"));
            assertEquals(List.of(), objects("sha256"), "nothing of the cut-off upload or conversion was kept");

            // A server that only runs jobs takes the next one queued through the one that runs none.
            spare = startWorkersOnly(database, "spare", sourceRoot);
            String next = viaFront.post("/api/v1/models/minilm/versions", Map.of("source", source.toString()))
                    .expect(202).json().path("id").asText();
            JsonNode done = awaitFinished(viaFront, next);
            assertEquals("succeeded", done.path("state").asText(), done.toString());
            assertNotEquals(workerId, done.path("server").asText());
            assertTrue(isId(spare, done.path("server").asText()), done.toString());
        } finally {
            front.close();
            worker.close();
            if (spare != null) {
                spare.close();
            }
        }
    }

    /** Whether {@code serverId} is the id {@code server} gave itself, {@code host-pid-xxxxxx}. */
    private static boolean isId(ChildJvm server, String serverId) {
        return serverId.matches(".+-" + server.pid() + "-[0-9a-f]{6}");
    }

    /**
     * Starts the servers at once, each a JVM of its own (their starts are mostly waiting on the JVM and
     * the database); if one fails, those that started are stopped.
     */
    private List<ChildJvm> startAll(TestDatabase database, List<String> names, String... options) {
        List<CompletableFuture<ChildJvm>> starting = names.stream()
                .map(name -> CompletableFuture.supplyAsync(() -> started(database, name, options))).toList();
        List<ChildJvm> started = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<ChildJvm> server : starting) {
            try {
                started.add(server.join());
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            started.forEach(ChildJvm::close);
            throw failure;
        }
        return started;
    }

    private ChildJvm started(TestDatabase database, String name, String... options) {
        try {
            return start(database, name, options);
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    private ChildJvm start(TestDatabase database, String name, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("--db-url", database.url(), "--db-user", database.user(),
                "--job-lease", String.valueOf(LEASE_SECONDS)));
        args.addAll(objectStore());
        args.addAll(List.of(options));
        return serve(tempDir.resolve(name), args, database.password(), Map.of(), s3Keys());
    }

    /** {@code serve --workers-only}, which listens on no port: ready once it says it runs jobs. */
    private ChildJvm startWorkersOnly(TestDatabase database, String name, String sourceRoot) throws Exception {
        Path data = tempDir.resolve(name);
        List<String> args = new ArrayList<>(List.of("serve", "--workers-only", "--data-dir", data.toString(),
                "--db-url", database.url(), "--db-user", database.user(), "--job-lease", String.valueOf(LEASE_SECONDS),
                "--source-root", sourceRoot));
        args.addAll(objectStore());
        ChildJvm.Builder builder = ChildJvm.java(ModelDockCommand.class.getName(), args.toArray(String[]::new))
                .jvmOptions("-Xmx1g")
                .systemProperty(PluginSources.BUILTIN_DIR_PROPERTY, Extensions.defaultFolder().toString())
                .environment("MODELDOCK_ADMIN_TOKEN", ServeProcess.TOKEN)
                .environment("MODELDOCK_DB_PASSWORD", database.password())
                .logs(data.resolveSibling(name + "-logs"), "serve");
        s3Keys().forEach(builder::environment);
        ChildJvm worker = builder.start();
        await("the worker to start", () -> worker.output().contains("ModelDock worker "));
        return worker;
    }

    private static JsonNode awaitFinished(ApiClient client, String job) throws Exception {
        JsonNode[] seen = new JsonNode[1];
        await("job " + job + " to end", () -> {
            seen[0] = client.get("/api/v1/jobs/" + job).expect(200).json();
            return seen[0].path("finishedAt").isTextual();
        });
        return seen[0];
    }

    /** Downloads each version's artifact whole, which the server verifies against its SHA-256 as it reads. */
    private static void assertArtifactsVerify(ApiClient client, String model) {
        for (JsonNode version : client.get("/api/v1/models/" + model + "/versions?limit=100").expect(200).json()
                .path("items")) {
            int number = version.path("number").asInt();
            byte[] bytes = client.get("/api/v1/models/" + model + "/versions/" + number + "/artifact").expect(200)
                    .body();
            assertEquals(version.path("artifact").path("sha256").asText(), Sha256.of(bytes), model + " " + number);
        }
    }

    private static int versions(ApiClient client, String model) {
        return client.get("/api/v1/models/" + model + "/versions?limit=100").expect(200).json().path("total").asInt();
    }

    /** Uploads under way (or cut off and not yet swept), as the shared database lists them. */
    private static long staged(TestDatabase database) {
        try (RegistryDatabase registry = RegistryDatabase.open(database.url(), database.user(), database.password())) {
            return registry.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM content WHERE state = 'staging'")
                    .mapTo(Long.class).one());
        }
    }

    /** The objects under {@code <prefix>/<folder>} in the bucket, read from S3Proxy's folder on disk. */
    private List<String> objects(String folder) throws IOException {
        Path under = s3.folder().resolve(BUCKET).resolve(PREFIX).resolve(folder);
        if (!Files.isDirectory(under)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(under)) {
            return files.filter(Files::isRegularFile).map(file -> under.relativize(file).toString()).toList();
        }
    }

    /** Every server's options for the shared store; the keys come from the environment ({@link #s3Keys()}). */
    private List<String> objectStore() {
        return List.of("--artifact-store", "s3://" + BUCKET + "/" + PREFIX, "--artifact-store-endpoint",
                s3.endpoint().toString());
    }

    private static Map<String, String> s3Keys() {
        return Map.of("AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY);
    }

    /** A condition that may need I/O to find out. */
    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(String what, Check condition) throws Exception {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("gave up after " + TIMEOUT + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
