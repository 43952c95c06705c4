package dev.modeldock.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.testkit.jvm.ChildJvm;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Oracle 23ai's embedded runtime, ONNX Runtime 1.15.1 with onnxruntime-extensions 0.13.0, in a child
 * JVM: the build copies its jars apart from the test class path, and a probe class runs a pipeline on it.
 */
public final class OracleRuntime {
    private OracleRuntime() {
    }

    /**
     * The outputs {@code pipeline} gives for each text on Oracle 23ai's runtime, read back bit for bit.
     *
     * @param logs where the child's output is kept, under {@code name}
     */
    public static List<float[]> outputs(Path pipeline, List<String> texts, Path logs, String name) throws Exception {
        List<String> args = new ArrayList<>(List.of(pipeline.toString()));
        args.addAll(texts);
        List<String> lines;
        try (ChildJvm probe = ChildJvm.java(OracleRuntimeProbe.class.getName(), args.toArray(String[]::new))
                .classPath(classPath()).logs(logs, name).start()) {
            assertEquals(0, probe.waitFor(Duration.ofMinutes(2)), probe.report());
            lines = probe.output().lines().toList();
        }
        assertEquals("version 1.15.1", lines.get(0), "the child ran Oracle 23ai's runtime");
        assertEquals(texts.size() + 1, lines.size(), String.join("\n", lines));
        return lines.stream().skip(1).map(OracleRuntime::parse).toList();
    }

    /** The probe classes, ONNX Runtime 1.15.1 and onnxruntime-extensions: nothing else. */
    static String classPath() throws Exception {
        Path jars = Path.of(System.getProperty("modeldock.oracle.runtime.dir"));
        List<String> entries = new ArrayList<>();
        entries.add(Path.of(OracleRuntimeProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString());
        try (Stream<Path> files = Files.list(jars)) {
            files.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(f -> entries.add(f.toString()));
        }
        assertTrue(entries.stream().anyMatch(e -> e.endsWith("onnxruntime-1.15.1.jar")), entries.toString());
        return String.join(File.pathSeparator, entries);
    }

    /** A probe's line: each float as its raw bits in hex. */
    static float[] parse(String line) {
        String[] bits = line.split(" ");
        float[] values = new float[bits.length];
        for (int i = 0; i < bits.length; i++) {
            values[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(bits[i], 16));
        }
        return values;
    }
}
