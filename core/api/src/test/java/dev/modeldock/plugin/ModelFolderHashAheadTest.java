package dev.modeldock.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large file whose attributes vouch for it is handed out before it is hashed, and hashed beside its
 * reader; one that changes meanwhile is refused. The hashes are held back on an executor of the
 * test's, so that "meanwhile" is certain.
 */
class ModelFolderHashAheadTest {
    private static final int LARGE = (16 << 20) + 5;

    @TempDir
    static Path root;
    private final List<Runnable> held = new ArrayList<>();
    private final Executor holding = held::add;

    @BeforeAll
    static void layOutSettledFiles() throws Exception {
        Files.createDirectories(root.resolve("onnx"));
        Files.write(root.resolve("onnx/model.onnx_data"), randomBytes(LARGE, 1));
        Files.write(root.resolve("onnx/growing.onnx_data"), randomBytes(LARGE, 2));
        Files.writeString(root.resolve("config.json"), "{}");
        Thread.sleep(2_100); // settled: last changed more than two seconds before their first lookup
    }

    @Test
    void aLargeSettledFileIsHandedOutBeforeItIsHashedAndGetsTheDigestOfItsBytes() throws IOException {
        ModelFolder folder = new ModelFolder("org/large", root, holding);
        Path data = folder.require("onnx/model.onnx_data");
        assertEquals(1, held.size(), "its hash waits on the executor while the caller goes on");

        held.forEach(Runnable::run);
        assertEquals(Sha256.of(data), folder.inputs().get("onnx/model.onnx_data"));
        assertTrue(folder.unchangedSinceHashed("onnx/model.onnx_data"));
    }

    @Test
    void aLargeFileThatChangesWhileItIsHashedAheadIsRefusedNamingIt() throws IOException {
        ModelFolder folder = new ModelFolder("org/large", root, holding);
        Path data = folder.require("onnx/growing.onnx_data");
        Files.write(data, new byte[] {7}, StandardOpenOption.APPEND); // after its reader may have read it

        held.forEach(Runnable::run);
        ModelDockException refused = assertThrows(ModelDockException.class, folder::inputs);
        assertTrue(refused.getMessage().contains("onnx/growing.onnx_data")
                && refused.getMessage().contains("changed while it was being read"), refused.getMessage());
        assertFalse(folder.unchangedSinceHashed("onnx/growing.onnx_data"));
    }

    @Test
    void aSmallFileIsHashedBeforeItIsHandedOut() {
        ModelFolder folder = new ModelFolder("org/large", root, holding);
        folder.require("config.json");
        assertTrue(held.isEmpty());
        assertEquals(Sha256.of("{}".getBytes()), folder.inputs().get("config.json"));
    }

    @Test
    void aLargeFileChangedMomentsAgoIsHashedBeforeItIsHandedOut(@TempDir Path fresh) throws IOException {
        Files.write(fresh.resolve("model.onnx"), randomBytes(LARGE, 3));
        ModelFolder folder = new ModelFolder("org/fresh", fresh, holding);
        Path model = folder.require("model.onnx");
        assertTrue(held.isEmpty(), "its attributes cannot vouch for it yet, so nothing may read it unhashed");
        assertEquals(Sha256.of(model), folder.inputs().get("model.onnx"));
    }

    @Test
    void theDefaultExecutorHashesAheadOnAThreadOfItsOwn() throws IOException {
        ModelFolder folder = new ModelFolder("org/large", root);
        Path data = folder.require("onnx/model.onnx_data");
        assertEquals(Sha256.of(data), folder.inputs().get("onnx/model.onnx_data"), "inputs() waits for it");
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
