package dev.modeldock.source.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.testkit.hub.FakeHub;
import dev.modeldock.testkit.hub.HubFault;
import dev.modeldock.testkit.hub.HubRepo;
import dev.modeldock.testkit.jvm.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two jobs, or two processes, fetching the same file at once end with one correct blob, downloaded once. */
class ConcurrentDownloadTest {
    private static final String ENCODER = "onnx/model.onnx";

    private final HubRepo tiny = TinyRepos.tiny();
    private final FakeHub hub = FakeHub.start().serve(tiny).fail(ENCODER, HubFault.slow(40));

    @TempDir
    Path cacheDir;

    @AfterEach
    void stop() {
        hub.close();
    }

    private ModelFolder fetch() {
        return new HubRepository(cacheDir, new HubEnvironment(hub.endpoint(), null, false, Duration.ofSeconds(5)), false, false)
                .fetch(TinyRepos.ID, "main", DownloadProgress.NONE).folder();
    }

    @Test
    void twoThreadsFetchingTheSameFileEndWithOneCorrectBlob() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<ModelFolder>> jobs = Stream.generate(() -> CompletableFuture.supplyAsync(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return fetch();
        })).limit(2).toList();
        start.countDown();

        assertEquals(jobs.get(0).get().root(), jobs.get(1).get().root());
        assertOneCorrectEncoderBlob();
    }

    @Test
    void twoProcessesFetchingTheSameFileEndWithOneCorrectBlob() throws Exception {
        hub.fail(ENCODER, HubFault.slow(150)); // about 3 s: the other JVM starts while this one downloads
        try (ChildJvm other = ChildJvm.java(FetchProgram.class.getName(), cacheDir.toString(),
                hub.endpoint().toString(), TinyRepos.ID).logs(cacheDir.getParent(), "fetch").start()) {
            ModelFolder here = fetch();
            assertEquals(0, other.waitFor(Duration.ofMinutes(1)), other::report);
            assertTrue(other.output().contains("fetched " + here.root()), other::report);
        }
        assertOneCorrectEncoderBlob();
    }

    private void assertOneCorrectEncoderBlob() throws Exception {
        Path blobs = new HubCache(cacheDir).repoFolder(TinyRepos.ID).resolve("blobs");
        try (Stream<Path> files = Files.list(blobs)) {
            assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".incomplete")).toList());
        }
        assertArrayEquals(tiny.files().get(ENCODER), Files.readAllBytes(blobs.resolve(tiny.sha256(ENCODER))));
        assertEquals(1, hub.requests().stream().filter(r -> r.startsWith("GET /repos/lfs/")).count(),
                hub.requests()::toString);
    }
}
