package dev.modeldock.service.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.testkit.onnx.HostileModels;
import dev.modeldock.testkit.onnx.OnnxGraph;
import dev.modeldock.testkit.onnx.SmallModels;
import dev.modeldock.testkit.plugin.Plugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load-check worker driven directly, with models the server's structural checks would refuse
 * before ONNX Runtime saw them: whatever ONNX Runtime does to the worker, this JVM (the test) lives
 * on, the check fails with a message naming the problem, and the next check runs on a fresh worker.
 */
class IsolatedRuntimeTest {
    private static final Duration GENEROUS = Duration.ofSeconds(60);

    @TempDir
    Path work;

    private IsolatedRuntime runtime(int memoryMb, Duration loadCheckTimeout) {
        ChildLimits limits = new ChildLimits(128, memoryMb, loadCheckTimeout);
        return new IsolatedRuntime(work.resolve("isolation"), Plugins.builtIn()::sources, limits, limits);
    }

    private Path file(String name, ModelProto model) throws IOException {
        return Files.write(work.resolve(name), model.toByteArray());
    }

    @Test
    void aModelThatCrashesOnnxRuntimeFailsItsCheckAndTheNextCheckRunsOnAFreshWorker() throws IOException {
        Path recursive = file("recursive.onnx", HostileModels.selfRecursiveFunction());
        Path regressor = file("regressor.onnx", SmallModels.featureRegressor());
        try (IsolatedRuntime runtime = runtime(2048, GENEROUS)) {
            runtime.checkLoads(regressor);
            IsolationFailure crash = assertThrows(IsolationFailure.class, () -> runtime.checkLoads(recursive));
            assertTrue(crash.getMessage().matches("ONNX Runtime crashed while loading the model \\(the worker process"
                    + " died with signal \\d+\\)"), crash.getMessage());
            runtime.checkLoads(regressor); // a fresh worker; this one would throw if it failed
        }
        try (Stream<Path> left = Files.list(work.resolve("isolation"))) {
            assertEquals(List.of(), left.toList(), "the workers' scratch (native libraries, errors) is removed");
        }
    }

    @Test
    void aModelNeedingMoreMemoryThanTheLimitIsKilledAndNamed() throws IOException {
        Path hungry = file("hungry.onnx", HostileModels.hugeFoldedConstant(1024));
        try (IsolatedRuntime runtime = runtime(400, GENEROUS)) {
            long start = System.nanoTime();
            IsolationFailure failure = assertThrows(IsolationFailure.class, () -> runtime.checkLoads(hungry));
            assertEquals("loading the model needed more than 400 MB", failure.getMessage());
            assertTrue(System.nanoTime() - start < GENEROUS.toNanos() / 2, "killed as the limit was passed");
            runtime.checkLoads(file("regressor.onnx", SmallModels.featureRegressor()));
        }
    }

    @Test
    void aCheckPastItsTimeoutIsKilledAndNamed() throws IOException {
        Path slow = file("slow.onnx", HostileModels.hugeFoldedConstant(256));
        try (IsolatedRuntime runtime = runtime(4096, Duration.ofMillis(50))) {
            IsolationFailure failure = assertThrows(IsolationFailure.class, () -> runtime.checkLoads(slow));
            assertEquals("loading the model did not finish within 50 ms", failure.getMessage());
        }
    }

    @Test
    void aModelOnnxRuntimeRefusesIsAnOrdinaryRefusalAndTheWorkerServesOn() throws IOException {
        Path garbage = Files.writeString(work.resolve("garbage.onnx"), "not a model");
        try (IsolatedRuntime runtime = runtime(2048, GENEROUS)) {
            ModelDockException refused = assertThrows(ModelDockException.class, () -> runtime.checkLoads(garbage));
            assertTrue(refused.getMessage().startsWith("ONNX Runtime cannot load " + garbage), refused.getMessage());
            assertTrue(!(refused instanceof IsolationFailure), "an ordinary refusal: " + refused);
            runtime.checkLoads(file("regressor.onnx", SmallModels.featureRegressor()));
        }
    }

    @Test
    void embeddingWithAModelThatTakesNoTextIsRefusedAndTheWorkerEmbedsOn() throws IOException {
        Path regressor = file("regressor.onnx", SmallModels.featureRegressor());
        Path embedder = file("embedder.onnx", SmallModels.embedder(List.of(OnnxGraph.tensor("input", DataType.STRING,
                SmallModels.BATCH)), "embedding", DataType.FLOAT, SmallModels.BATCH, 8));
        try (IsolatedRuntime runtime = runtime(2048, GENEROUS)) {
            ModelDockException refused = assertThrows(ModelDockException.class, () -> runtime.embed(regressor,
                    List.of("a text")));
            assertEquals(regressor + " is not a text pipeline: its input features does not take strings",
                    refused.getMessage());
            List<float[]> vectors = runtime.embed(embedder, List.of("one", "two"));
            assertEquals(2, vectors.size());
            assertEquals(8, vectors.get(1).length);
        }
    }
}
