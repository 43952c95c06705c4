package dev.modeldock.benchmark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import dev.modeldock.conversion.PrebuiltModel;
import dev.modeldock.host.Extensions;
import dev.modeldock.host.PluginSources;
import dev.modeldock.metadata.CheckContext;
import dev.modeldock.metadata.MetadataChecker;
import dev.modeldock.metadata.MetadataProblem;
import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.runtime.OrtSessions;
import dev.modeldock.testkit.jvm.ChildJvm;
import dev.modeldock.testkit.onnx.SyntheticModel;
import dev.modeldock.testkit.plugin.Plugins;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Synthetic regressors are the size asked for, run in ONNX Runtime, and can be checked in a small heap. */
class SyntheticModelTest {
    private static final long FIFTY_MB = 50_000_000L;
    private static final long ONE_POINT_TWO_GB = 1_200_000_000L;
    private static final String SMALL_HEAP = "-Xmx256m";

    @TempDir
    static Path dir;
    static Path fiftyMegabytes;

    @BeforeAll
    static void writeFiftyMegabytes() throws IOException {
        fiftyMegabytes = dir.resolve("regressor-50mb.onnx");
        SyntheticModel.writeRegressor(fiftyMegabytes, FIFTY_MB);
    }

    @Test
    void theFileIsTheSizeAskedFor() throws IOException {
        assertEquals(FIFTY_MB, Files.size(fiftyMegabytes), 1024);
    }

    @Test
    void onnxRuntimeLoadsAndRunsItUsingTheTablesLastRow() throws Exception {
        long rows = table(fiftyMegabytes).getDims(0);
        assertTrue(rows > 12_000_000L, "the table should hold nearly all the bytes: " + rows + " rows");
        float[][] x = {{1, 2, 3, 4}, {0, 0, 0, 0}};
        float expectedLinear = 1 * 0.5f - 2 * 1f + 3 * 2f + 4 * 0.25f;
        try (OrtSession session = OrtSessions.open(fiftyMegabytes, 1);
                OnnxTensor input = OnnxTensor.createTensor(OrtSessions.environment(), x);
                OrtSession.Result result = session.run(Map.of(SyntheticModel.INPUT, input))) {
            float[][] y = (float[][]) result.get(SyntheticModel.OUTPUT).orElseThrow().getValue();
            float offset = SyntheticModel.tableValue(rows - 1);
            assertNotEquals(0f, offset, "a zero offset would not show the table being read");
            assertArrayEquals(new float[] {expectedLinear + offset}, y[0], 1e-5f);
            assertArrayEquals(new float[] {offset}, y[1], 1e-6f);
        }
    }

    @Test
    void itsMetadataPassesTheChecker() throws IOException {
        ModelSignature signature = ModelSignature.of(OnnxModels.readStructure(fiftyMegabytes));
        List<MetadataProblem> problems = MetadataChecker.check(signature, SyntheticModel.regressorMetadata(),
                new CheckContext("SYNTHETIC_REGRESSOR", Files.size(fiftyMegabytes), OracleRelease.DB_23AI));
        assertEquals(List.of(), problems);
    }

    @Test
    void aModelOfMoreThanAGigabyteIsCheckedInA256MegabyteHeap(@TempDir Path bigDir) throws Exception {
        Path big = bigDir.resolve("regressor-1.2gb.onnx");
        try {
            SyntheticModel.writeRegressor(big, ONE_POINT_TWO_GB);
            Child control = Child.run(big, StructureCheck.WHOLE);
            assertNotEquals(0, control.exitCode(), "reading the whole model should not fit: " + control);
            assertTrue(control.stderr().contains("OutOfMemoryError"), control.toString());

            Child check = Child.run(big, StructureCheck.STRUCTURE);
            assertEquals(0, check.exitCode(), check.toString());
            System.out.println("256 MB child checked " + Files.size(big) + " bytes: " + check.stdout().strip());
        } finally {
            Files.deleteIfExists(big);
        }
    }

    private static TensorProto table(Path file) {
        return OnnxModels.readStructure(file).getGraph().getInitializerList().stream()
                .filter(t -> t.getName().equals(SyntheticModel.TABLE)).findFirst().orElseThrow();
    }

    /** A JVM with {@value #SMALL_HEAP} running {@link StructureCheck} on the test's class path. */
    private record Child(int exitCode, String stdout, String stderr) {
        static Child run(Path model, String mode) throws IOException, InterruptedException {
            ChildJvm.Builder jvm = ChildJvm.java(StructureCheck.class.getName(), model.toString(), mode)
                    .jvmOptions(SMALL_HEAP);
            String plugins = System.getProperty(PluginSources.BUILTIN_DIR_PROPERTY);
            if (plugins != null) {
                jvm.systemProperty(PluginSources.BUILTIN_DIR_PROPERTY, plugins);
            }
            try (ChildJvm child = jvm.start()) {
                int exitCode = child.waitFor(Duration.ofMinutes(2));
                return new Child(exitCode, child.output(), child.errors());
            }
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    /**
     * The child's program: checks a synthetic regressor as the registry does on upload
     * ({@code STRUCTURE}), or reads the whole model ({@code WHOLE}), and prints how much heap it took.
     */
    static final class StructureCheck {
        static final String STRUCTURE = "structure";
        static final String WHOLE = "whole";

        public static void main(String[] args) throws IOException {
            Path model = Path.of(args[0]);
            if (WHOLE.equals(args[1])) {
                System.out.println(OnnxModels.read(model).getGraph().getInitializerCount() + " initializers");
                return;
            }
            PrebuiltModel upload = new PrebuiltModel(model, SyntheticModel.regressorMetadata(), Plugins.builtIn());
            long start = System.nanoTime();
            List<MetadataProblem> errors = upload.check(new CheckContext(null, Files.size(model), OracleRelease.DB_26AI)).stream()
                    .filter(MetadataProblem::isError).toList();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (!errors.isEmpty()) {
                System.err.println("Oracle would refuse the model: " + errors);
                System.exit(2);
            }
            Runtime runtime = Runtime.getRuntime();
            System.out.printf("check took %d ms; heap peak %d MiB (plugins loaded), committed %d MiB, max %d MiB%n",
                    millis, peakHeapBytes() >> 20, runtime.totalMemory() >> 20, runtime.maxMemory() >> 20);
        }

        /** The sum of every heap pool's peak: an upper bound of the most heap in use at once. */
        private static long peakHeapBytes() {
            return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                    .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        }
    }
}
