package dev.modeldock.server;

import static dev.modeldock.server.ServeProcess.api;
import static dev.modeldock.server.ServeProcess.serve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.cli.ModelDockCommand;
import dev.modeldock.host.Extensions;
import dev.modeldock.metadata.MetadataJson;
import dev.modeldock.metadata.MetadataProposer;
import dev.modeldock.metadata.MlFunction;
import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.OnnxModels;
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
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "A crash (kill -9) during an upload or a conversion leaves no half-made version; a restart marks
 * interrupted jobs as failed." The server runs as a child process and is killed with SIGKILL at
 * the moment under test, then started again on the same data. On the embedded database the restart
 * clears up at once; over PostgreSQL, which other servers may share, once the killed server's lease
 * has run out.
 */
class CrashRecoveryTest {
    /** Large enough that storing it in 1 MiB chunks takes a while on a busy machine. */
    private static final long LARGE_MODEL_BYTES = 128L << 20;
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(2);
    /** The job lease of servers over PostgreSQL: short, so that a killed server's leftovers are swept soon. */
    private static final int LEASE_SECONDS = 3;

    @TempDir
    Path tempDir;

    @Test
    void aKillWhileTheUploadIsStillArrivingLeavesNoVersionAndNoSpooledBytes() throws Exception {
        Path data = tempDir.resolve("data");
        Path uploads = data.resolve("work/uploads");
        try (ChildJvm server = serve(data, List.of(), null)) {
            api(server).createModel("big");
            try (StalledUpload upload = StalledUpload.begin(server.port(), "big", 256L << 20)) {
                upload.send(24 << 20);
                await("the server to spool 16 MiB of the upload", PHASE_TIMEOUT,
                        () -> largestFile(uploads) >= 16 << 20);
                server.kill();
            }
        }
        assertTrue(largestFile(uploads) >= 16 << 20, "the kill left the spooled part behind");
        assertEquals(new Stored(0, 0, 0, 0), Stored.in(h2(data)), "nothing of the upload reached the database");

        try (ChildJvm server = serve(data, List.of(), null)) {
            assertNoVersions(api(server), "big");
            assertEquals(0, largestFile(uploads), "the restart cleared the spooled part");
            assertEquals(1, uploadSmallModel(api(server), "big"), "a new upload still works");
            stop(server);
        }
        assertEquals(new Stored(1, 0, 0, 1), Stored.in(h2(data)));
    }

    @DatabaseTest
    void aKillWhileTheUploadIsBeingStoredLeavesNoVersionAndTheRestartSweepsItsChunks(TestDatabase testDatabase)
            throws Exception {
        Path model = tempDir.resolve("large.onnx");
        SyntheticModel.writeRegressor(model, LARGE_MODEL_BYTES);
        Database database = new Database(tempDir.resolve("data"), testDatabase);
        try (ChildJvm server = database.start()) {
            api(server).createModel("big");
            long before = database.progressMark();
            CompletableFuture<ApiResponse> upload = api(server).uploadAsync("big", model,
                    SyntheticModel.regressorMetadata());
            await("the server to store 8 MiB of the upload in the database", PHASE_TIMEOUT,
                    () -> database.progressMark() - before >= 8 << 20);
            server.kill();
            assertThrows(ExecutionException.class, () -> upload.get(1, TimeUnit.MINUTES),
                    "the client is not told of a version");
        }
        Stored killed = Stored.in(database.open());
        assertEquals(0, killed.versions(), "the kill came after the version was filed: " + killed);
        assertTrue(killed.stagingChunks() > 0, "the kill came while chunks were being stored: " + killed);

        try (ChildJvm server = database.start()) {
            if (testDatabase.isPostgres()) {
                // Over a shared database the killed server's lease must run out first: it could be one
                // of several servers, cut off for a moment rather than gone.
                await("the killed server's lease to run out and its partial upload to be swept", PHASE_TIMEOUT,
                        () -> Stored.in(database.open()).stagingContent() == 0);
            } else {
                assertTrue(server.output().contains("1 partial upload(s)"), server.output());
            }
            assertNoVersions(api(server), "big");
            assertEquals(1, uploadSmallModel(api(server), "big"), "a new upload still works");
            stop(server);
        }
        Stored restarted = Stored.in(database.open());
        assertEquals(new Stored(1, 0, 0, 1), restarted, "no staging content is left");
    }

    @Test
    void aKillDuringAConversionFailsItsJobAtRestartAndFilesNoVersion() throws Exception {
        Path source = MiniLmHubFolder.create(tempDir.resolve("hub"));
        Path data = tempDir.resolve("data");
        String jobId;
        try (ChildJvm server = serve(data, List.of("--source-root", tempDir.resolve("hub").toString()), null)) {
            ApiClient http = api(server);
            http.createModel("minilm");
            JsonNode job = http.post("/api/v1/models/minilm/versions", Map.of("source", source.toString()))
                    .expect(202).json();
            jobId = job.path("id").asText();
            await("the conversion to run", PHASE_TIMEOUT,
                    () -> http.get("/api/v1/jobs/" + jobId).expect(200).json().path("state").asText()
                            .equals("running"));
            ProcessHandle serverProcess = ProcessHandle.of(server.pid()).orElseThrow();
            await("the conversion's child process", PHASE_TIMEOUT,
                    () -> serverProcess.descendants().findAny().isPresent());
            List<ProcessHandle> children = serverProcess.descendants().toList();
            server.kill();
            await("the conversion's child process to end with its server", PHASE_TIMEOUT,
                    () -> children.stream().noneMatch(ProcessHandle::isAlive));
        }

        try (ChildJvm server = serve(data, List.of(), null)) {
            assertTrue(server.output().contains("1 interrupted job(s) marked failed"), server.output());
            JsonNode job = api(server).get("/api/v1/jobs/" + jobId).expect(200).json();
            assertEquals("failed", job.path("state").asText(), job.toString());
            assertTrue(job.path("error").asText().matches("interrupted: server \\S+ stopped while this job was"
                    + " running"), job.toString());
            assertTrue(job.path("finishedAt").isTextual(), job.toString());
            assertNoVersions(api(server), "minilm");
            // The event stream ends for a finished job; its last event says how it ended.
            List<ServerSentEvent> states = api(server).events(jobId, null).events().stream()
                    .filter(e -> e.kind().equals("state")).toList();
            assertFalse(states.isEmpty(), "no state event");
            String lastState = states.get(states.size() - 1).data();
            assertTrue(lastState.contains("\"failed\"") && lastState.contains("interrupted"), lastState);
            try (Stream<Path> scratch = Files.list(data.resolve("work"))) {
                assertEquals(List.of(), scratch.filter(p -> p.getFileName().toString().startsWith("conversion-"))
                        .toList(), "the conversion's scratch folder is gone");
            }
            stop(server);
        }
        assertEquals(new Stored(0, 0, 0, 0), Stored.in(h2(data)), "nothing of the conversion was kept");
    }

    @Test
    void aVersionTheServerConfirmedSurvivesAKillAndItsNumberIsNotGivenAgain() throws Exception {
        Path data = tempDir.resolve("data");
        try (ChildJvm server = serve(data, List.of(), null)) {
            api(server).createModel("small");
            assertEquals(1, uploadSmallModel(api(server), "small"));
            server.kill(); // at once: the answer came, so the version must be on disk
        }

        try (ChildJvm server = serve(data, List.of(), null)) {
            JsonNode versions = api(server).get("/api/v1/models/small/versions").expect(200).json().path("items");
            assertEquals(1, versions.size(), "the confirmed version is kept: " + versions);
            assertEquals(2, uploadSmallModel(api(server), "small"), "and its number is not given again");
        }
    }

    /** SIGTERM, as a service manager stops it: the shutdown hook closes the database. */
    private static void stop(ChildJvm server) throws InterruptedException {
        assertTrue(server.stop(Duration.ofSeconds(60)), "the server did not stop on SIGTERM: " + server.errors());
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} when it does not within {@code timeout}. */
    private static void await(String what, Duration timeout, Check condition) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("gave up after " + timeout + " waiting for " + what);
            }
            Thread.sleep(25);
        }
    }

    /** A condition that may need I/O to find out. */
    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    private static void assertNoVersions(ApiClient http, String model) {
        JsonNode versions = http.get("/api/v1/models/" + model + "/versions").expect(200).json().path("items");
        assertEquals(0, versions.size(), versions.toString());
        assertTrue(http.get("/api/v1/models/" + model).expect(200).json().path("latestVersion").isNull());
        assertEquals(404, http.get("/api/v1/models/" + model + "/versions/1").status());
    }

    /** Uploads a small valid model and returns the version number it got. */
    private int uploadSmallModel(ApiClient http, String model) throws IOException {
        Path file = OnnxFixtures.write(SmallModels.featureRegressor(), tempDir.resolve("small.onnx"));
        String metadata = MetadataJson.write(MetadataProposer.propose(ModelSignature.of(OnnxModels.read(file)),
                MlFunction.REGRESSION));
        return http.upload(model, file, metadata).path("number").asInt();
    }

    private static RegistryDatabase h2(Path data) {
        return RegistryDatabase.open(RegistryDatabase.embeddedUrl(data), null, null);
    }

    private static long largestFile(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.mapToLong(f -> f.toFile().length()).max().orElse(0);
        }
    }

    /**
     * What the registry's tables hold of uploads.
     *
     * @param stagingChunks chunks of uploads that never finished
     */
    record Stored(long versions, long stagingContent, long stagingChunks, long artifacts) {
        /** Reads the counts and closes the database; an embedded one must not be open in the server too. */
        static Stored in(RegistryDatabase database) {
            try (database) {
                return database.jdbi().withHandle(h -> new Stored(
                        count(h, "SELECT COUNT(*) FROM model_version"),
                        count(h, "SELECT COUNT(*) FROM content WHERE state = 'staging'"),
                        count(h, "SELECT COUNT(*) FROM content_chunk c JOIN content s ON s.id = c.content_id"
                                + " WHERE s.state = 'staging'"),
                        count(h, "SELECT COUNT(*) FROM artifact")));
            }
        }

        private static long count(org.jdbi.v3.core.Handle h, String query) {
            return h.createQuery(query).mapTo(Long.class).one();
        }
    }

    /**
     * The database a child server on {@code data} runs on, and how a test watches it from outside: the
     * test's PostgreSQL schema, or on H2 the server's own embedded database in its data folder.
     */
    private record Database(Path data, TestDatabase database) {
        ChildJvm start() throws IOException {
            if (!database.isPostgres()) {
                return serve(data, List.of(), null);
            }
            return serve(data, List.of("--db-url", database.url(), "--db-user", database.user(), "--job-lease",
                    String.valueOf(LEASE_SECONDS)), database.password());
        }

        RegistryDatabase open() {
            return database.isPostgres() ? RegistryDatabase.open(database.url(), database.user(), database.password())
                    : CrashRecoveryTest.h2(data);
        }

        /**
         * A number that grows by about a byte per byte stored: the bytes of staged chunks in
         * PostgreSQL, which can be asked while the server runs; the size of the H2 file, which cannot.
         */
        long progressMark() throws Exception {
            if (!database.isPostgres()) {
                Path file = data.resolve("registry.mv.db");
                return Files.exists(file) ? Files.size(file) : 0;
            }
            try (var connection = database.connect(); var statement = connection.createStatement();
                    var rows = statement.executeQuery("SELECT COALESCE(SUM(LENGTH(data)), 0) FROM content_chunk")) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /**
     * A multipart upload written by hand on a socket, so that the test decides how many bytes the
     * server gets before it stops sending: the server is left waiting in the middle of the file.
     */
    private static final class StalledUpload implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final Random random = new Random(7);

        private StalledUpload(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        /** Sends the headers of an upload that announces a file of {@code fileBytes}. */
        static StalledUpload begin(int port, String model, long fileBytes) throws IOException {
            String boundary = "stalled-upload-boundary";
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n{}\r\n--"
                    + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.onnx\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n";
            String tail = "\r\n--" + boundary + "--\r\n";
            long length = head.length() + fileBytes + tail.length();
            StalledUpload upload = new StalledUpload(new Socket("localhost", port));
            upload.out.write(("POST /api/v1/models/" + model + "/versions HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nAuthorization: Bearer " + ServeProcess.TOKEN
                    + "\r\nContent-Type: multipart/form-data; boundary=" + boundary
                    + "\r\nContent-Length: " + length + "\r\n\r\n" + head).getBytes(StandardCharsets.US_ASCII));
            return upload;
        }

        /** Sends {@code bytes} more bytes of the file. */
        void send(int bytes) throws IOException {
            byte[] block = new byte[1 << 20];
            for (int sent = 0; sent < bytes; sent += block.length) {
                random.nextBytes(block);
                out.write(block, 0, Math.min(block.length, bytes - sent));
            }
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
