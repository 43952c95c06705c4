package dev.modeldock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.jvm.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --log-level}: ModelDock's own steps at the level asked, the libraries underneath (pf4j's
 * class loading; ONNX Runtime's graph optimiser, at WARNING) quieter unless {@code all=LEVEL} asks
 * for theirs. Each run is a JVM of its own, as slf4j-simple reads its levels once per JVM.
 */
class LogLevelTest {
    @TempDir
    static Path work;
    static Path hubFolder;

    @BeforeAll
    static void layOutModel() {
        hubFolder = MiniLmHubFolder.create(work.resolve("hub"));
    }

    @Test
    void debugShowsModelDocksConversionStepsAndNotTheLibrariesInternals() throws Exception {
        String log = export("DEBUG", work.resolve("out").toString());
        List<String> debugLines = log.lines().filter(line -> line.contains(" DEBUG ")).toList();
        assertTrue(debugLines.size() >= 4, log);
        assertTrue(debugLines.stream().allMatch(line -> line.contains(" DEBUG dev.modeldock.")),
                "only ModelDock's loggers at DEBUG:\n" + String.join("\n", debugLines));
        for (String step : List.of("Conversion - converting ", "Conversion - plan: tokenizer ",
                "Conversion - pipeline written to ", "Conversion - parity: ASCII", "Conversion - Oracle metadata checked")) {
            assertTrue(log.contains(step), "step '" + step + "' not logged:\n" + log);
        }
        assertTrue(!log.contains("[V:onnxruntime") && !log.contains("[I:onnxruntime"),
                "ONNX Runtime stays at WARNING:\n" + head(log));
        assertTrue(Files.isRegularFile(work.resolve("out/m.onnx")), log);
    }

    @Test
    void allEqualsDebugShowsTheLibrariesDebugLogsToo() throws Exception {
        // Stops at the output folder check, after the plugins are loaded and before any conversion.
        Path file = Files.writeString(work.resolve("a-file"), "x");
        String log = export("all=DEBUG", file.resolve("out").toString());
        assertTrue(log.contains(" DEBUG org.pf4j."), "pf4j's DEBUG lines too:\n" + head(log));
        assertTrue(log.contains(" DEBUG dev.modeldock.cli.ExportCommand - "), head(log));
    }

    /** Runs an export in a JVM of its own and returns its standard output and error. */
    private static String export(String level, String outputDir) throws Exception {
        try (ChildJvm child = ChildJvm.java(ModelDockCommand.class.getName(), "export", "--model", hubFolder.toString(),
                "--template", "text", "--config", "{\"max_seq_length\": 64}", "--name", "m", "--output-dir", outputDir,
                "--log-level", level)
                .systemProperty("modeldock.builtin.plugins.dir", System.getProperty("modeldock.builtin.plugins.dir"))
                .jvmOptions("-Xmx1g").start()) {
            int exit = child.waitFor(Duration.ofMinutes(5));
            String log = child.output() + child.errors();
            assertEquals(outputDir.contains("a-file") ? 1 : 0, exit, head(log));
            return log;
        }
    }

    private static String head(String log) {
        return log.length() <= 6000 ? log : log.substring(0, 6000) + "\n...";
    }
}
