package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.testkit.api.ApiClient;
import dev.modeldock.testkit.api.ApiResponse;
import dev.modeldock.testkit.api.MultipartBody;
import dev.modeldock.testkit.fuzz.UploadCase;
import dev.modeldock.testkit.fuzz.UploadFuzzer;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Thousands of mutated uploads (ONNX files broken byte by byte and on their structure, metadata
 * documents of the wrong shape; {@code testkit.fuzz}) against a real server, over HTTP only, from
 * several clients at once: no answer is a 5xx, every refusal has the JSON error body, the server
 * answers afterwards, and exactly the uploads answered 2xx are stored, each with the bytes sent.
 *
 * <p>{@code -Dfuzz.seed=N} (default {@value #DEFAULT_SEED}), {@code -Dfuzz.count=N} (default
 * {@value #DEFAULT_COUNT}), {@code -Dfuzz.threads=N} (default {@value #DEFAULT_THREADS}); a failure
 * names its seed and case, {@code -Dfuzz.case=N} runs that one case alone, and the case's files are
 * in {@code target/fuzz-failures/seed-N}. Should native code crash the JVM (server and test alike),
 * the cases it was handling are left in that folder's {@code in-flight}.
 */
class UploadFuzzTest {
    static final long DEFAULT_SEED = 20261201;
    static final int DEFAULT_COUNT = 3000;
    static final int DEFAULT_THREADS = 4;
    /** Versions go to a few models, so that several uploads race for the next number of one. */
    private static final int MODELS = 3;
    private static final Duration DEADLINE = Duration.ofMinutes(5);

    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass();

    @Test
    void mutatedUploadsNeverAnswer5xxNorStoreARefusedVersion() throws Exception {
        UploadFuzzer fuzzer = new UploadFuzzer(Long.getLong("fuzz.seed", DEFAULT_SEED));
        Integer only = Integer.getInteger("fuzz.case");
        List<Integer> cases = only != null ? List.of(only)
                : IntStream.range(0, Integer.getInteger("fuzz.count", DEFAULT_COUNT)).boxed().toList();
        ApiClient client = server.admin().withTimeout(Duration.ofSeconds(60));
        for (int m = 0; m < MODELS; m++) {
            client.createModel(model(m));
        }
        FuzzTally tally = new FuzzTally(Path.of("target", "fuzz-failures", "seed-" + fuzzer.seed()));
        long started = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(Integer.getInteger("fuzz.threads", DEFAULT_THREADS));
        for (int index : cases) {
            clients.submit(() -> {
                try {
                    upload(client, fuzzer.generate(index), tally);
                } catch (RuntimeException | Error e) {
                    tally.broke("case " + index + " of seed " + fuzzer.seed() + " could not be made or sent: " + e);
                }
            });
        }
        clients.shutdown();
        assertTrue(clients.awaitTermination(DEADLINE.toMinutes(), TimeUnit.MINUTES), "the fuzz run took over " + DEADLINE);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        server.anonymous().get("/api/v1/health").expect(200);
        checkStoredVersions(client, tally);
        System.out.printf("upload fuzz: seed %d, %d case(s) in %d s on %d thread(s); answers by status %s;"
                + " %d stored%n", fuzzer.seed(), cases.size(), took.toSeconds(),
                Integer.getInteger("fuzz.threads", DEFAULT_THREADS), tally.byStatus(), tally.stored().size());
        List<String> broken = tally.broken();
        assertTrue(broken.isEmpty(), broken.size() + " rule(s) broken in the upload fuzz run with seed "
                + fuzzer.seed() + " (" + tally.byStatus() + "):\n" + broken.stream().limit(10)
                .collect(Collectors.joining("\n")));
    }

    private static String model(int m) {
        return "fuzz-" + m;
    }

    private static void upload(ApiClient client, UploadCase fuzzed, FuzzTally tally) {
        String model = model(fuzzed.index() % MODELS);
        MultipartBody body = new MultipartBody().json("metadata", fuzzed.metadata())
                .file("file", fuzzed.fileName(), fuzzed.onnx());
        ApiResponse answer;
        tally.sending(fuzzed);
        try {
            answer = client.post("/api/v1/models/" + model + "/versions" + fuzzed.query(), body);
        } catch (RuntimeException e) {
            tally.broke(fuzzed, "no answer: " + e);
            return;
        } finally {
            tally.sent(fuzzed);
        }
        tally.answered(answer.status());
        if (answer.status() >= 500) {
            tally.broke(fuzzed, "answered " + answer.status() + ": " + answer.text());
        } else if (answer.status() >= 200 && answer.status() < 300) {
            JsonNode version = answer.json();
            tally.stored(new FuzzTally.Stored(model, version.path("number").asInt(), sha256(fuzzed.onnx()),
                    fuzzed.index()));
        } else if (!isJsonError(answer)) {
            tally.broke(fuzzed, "answered " + answer.status() + " without the JSON error body: " + answer.text());
        }
    }

    private static boolean isJsonError(ApiResponse answer) {
        try {
            JsonNode body = ServerFixture.JSON.readTree(answer.body());
            return body != null && body.path("error").isTextual() && !body.path("error").asText().isBlank();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Each model holds versions 1..n for the n uploads answered 2xx, and no more; each version's
     * artifact is the bytes that were sent, and its checksum matches them.
     */
    private static void checkStoredVersions(ApiClient client, FuzzTally tally) {
        Map<String, List<FuzzTally.Stored>> byModel = tally.stored().stream()
                .collect(Collectors.groupingBy(FuzzTally.Stored::model));
        for (int m = 0; m < MODELS; m++) {
            List<FuzzTally.Stored> versions = byModel.getOrDefault(model(m), List.of());
            String path = "/api/v1/models/" + model(m) + "/versions/";
            long numbered = versions.stream().mapToInt(FuzzTally.Stored::number)
                    .filter(n -> n >= 1 && n <= versions.size()).distinct().count();
            if (numbered != versions.size()) {
                tally.broke(model(m) + ": the 2xx answers gave version numbers other than 1 to " + versions.size()
                        + ": " + versions);
            }
            ApiResponse next = client.get(path + (versions.size() + 1));
            if (next.status() != 404) {
                tally.broke(model(m) + " has a version " + (versions.size() + 1) + " although " + versions.size()
                        + " upload(s) were answered 2xx: " + next.text());
            }
            for (FuzzTally.Stored version : versions) {
                JsonNode stored = client.get(path + version.number()).expect(200).json();
                String actual = sha256(client.get(path + version.number() + "/artifact").expect(200).body());
                String declared = stored.path("artifact").path("sha256").asText();
                if (!actual.equals(declared) || !actual.equals(version.sentSha256())) {
                    tally.broke("case " + version.caseIndex() + ": version " + version.number() + " of " + model(m)
                            + " holds bytes with SHA-256 " + actual + ", declares " + declared + ", was sent "
                            + version.sentSha256());
                }
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
