package dev.modeldock.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.artifact.Artifact;
import dev.modeldock.config.Settings;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Progress;
import dev.modeldock.plugin.Sha256;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.plugin.Plugins;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SHA-256 of every input file is taken when the conversion first looks the file up (before it
 * reads it, or beside its reading for a large file its attributes vouch for), so the provenance's
 * digests are of what was converted: a file changed after that fails the conversion instead of being
 * recorded under digests of bytes that were not the ones read.
 */
class InputFileHashesTest {
    @TempDir
    Path work;

    /**
     * Run on a model just laid out (every file hashed before it is read) and on one settled for more
     * than two seconds, whose 90 MB encoder is hashed beside the conversion's reading of it.
     */
    @ParameterizedTest(name = "settled: {0}")
    @ValueSource(booleans = {false, true})
    void theProvenanceListsTheFilesTheConversionReadEachWithTheSha256OfItsBytes(boolean settled) throws Exception {
        Path hub = MiniLmHubFolder.create(work.resolve("hub"));
        Files.writeString(hub.resolve("README.md"), "a model card nothing reads");
        settleIf(settled);
        try (Artifact artifact = model(hub).convert(Progress.NONE)) {
            Map<String, String> recorded = artifact.provenance().sourceFiles();
            assertTrue(recorded.keySet().containsAll(Set.of("config.json", "onnx/model.onnx", "tokenizer.json")),
                    recorded.keySet().toString());
            assertFalse(recorded.containsKey("README.md"), "only files the conversion looked up are inputs");
            for (Map.Entry<String, String> input : recorded.entrySet()) {
                assertEquals(Sha256.of(hub.resolve(input.getKey())), input.getValue(), input.getKey());
            }
        }
    }

    @Test
    void aSourceFileChangedAfterItWasFirstReadFailsTheConversionAndLeavesNothingStaged() throws Exception {
        Path hub = MiniLmHubFolder.create(work.resolve("hub"));
        Path staging = Files.createDirectories(work.resolve("staging"));
        String before = Sha256.of(hub.resolve("tokenizer.json"));
        // By the time the graph is assembled the plan has read tokenizer.json; the tokenizer plugin and the
        // reference tokenizer read it again later. A trailing newline changes its bytes, not its meaning, so
        // only the digest check can tell.
        Progress changeTokenizerJson = (stage, fraction) -> {
            if (stage.startsWith("assembling")) {
                append(hub.resolve("tokenizer.json"), "\n");
            }
        };
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> model(hub).convert(staging, changeTokenizerJson).close());
        assertTrue(e.getMessage().contains("tokenizer.json changed while it was being converted"), e.getMessage());
        assertTrue(e.getMessage().contains(before), "names the digest taken when it was first read: " + e.getMessage());
        try (Stream<Path> left = Files.list(staging)) {
            assertEquals(0, left.count(), "the staged pipeline is deleted");
        }
    }

    /**
     * The encoder's weights are read where they lie in its mapped file, after the graph is assembled:
     * an encoder cut short in between faults when they are read, and the conversion names the file
     * that changed rather than failing with the JVM's error.
     */
    @ParameterizedTest(name = "settled: {0}")
    @ValueSource(booleans = {false, true})
    void anEncoderCutShortWhileItIsConvertedFailsNamingIt(boolean settled) throws Exception {
        Path hub = MiniLmHubFolder.create(work.resolve("hub"));
        settleIf(settled);
        Path staging = Files.createDirectories(work.resolve("staging"));
        Progress truncateEncoder = (stage, fraction) -> {
            if (stage.startsWith("writing the pipeline")) {
                try (FileChannel encoder = FileChannel.open(hub.resolve("onnx/model.onnx"), StandardOpenOption.WRITE)) {
                    encoder.truncate(encoder.size() / 2);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> model(hub).convert(staging, truncateEncoder).close());
        // "... being converted" from the end-of-run check, or "... being read" when the cut came while
        // the settled encoder was still being hashed beside the conversion: either names the file.
        assertTrue(e.getMessage().contains("onnx/model.onnx changed while it was being"), e.getMessage());
        try (Stream<Path> left = Files.list(staging)) {
            assertEquals(0, left.count(), "the staged pipeline is deleted");
        }
    }

    @Test
    void eachConversionHashesTheFilesAsTheyAreWhenItReadsThem() throws Exception {
        Path hub = MiniLmHubFolder.create(work.resolve("hub"));
        EmbeddingModel model = model(hub);
        String first;
        try (Artifact artifact = model.convert(Progress.NONE)) {
            first = artifact.provenance().sourceFiles().get("config.json");
        }
        append(hub.resolve("config.json"), "\n");
        try (Artifact artifact = model.convert(Progress.NONE)) {
            String second = artifact.provenance().sourceFiles().get("config.json");
            assertFalse(first.equals(second), "the same EmbeddingModel converting again reads and hashes afresh");
            assertEquals(Sha256.of(hub.resolve("config.json")), second);
        }
    }

    /** Lets the files' last change be more than two seconds old, so that their attributes vouch for them. */
    private static void settleIf(boolean settled) throws InterruptedException {
        if (settled) {
            Thread.sleep(2_100);
        }
    }

    private static EmbeddingModel model(Path hub) {
        return new EmbeddingModel(hub.toString(), null, Settings.defaults(), Plugins.builtIn());
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
