package dev.modeldock.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lookups in a model folder stay inside it, and the folder remembers what it handed out with the
 * SHA-256 the bytes had when they were first handed out.
 */
class ModelFolderTest {
    @TempDir
    Path parent;
    Path root;
    ModelFolder folder;

    @BeforeEach
    void layOutAModel() throws IOException {
        root = Files.createDirectories(parent.resolve("model"));
        Files.writeString(root.resolve("config.json"), "{}");
        Files.writeString(root.resolve("tokenizer.json"), "{}");
        Files.createDirectories(root.resolve("1_Pooling"));
        Files.writeString(root.resolve("1_Pooling/config.json"), "{}");
        Files.writeString(parent.resolve("secret.txt"), "outside");
        Files.createDirectories(parent.resolve("model-evil"));
        Files.writeString(parent.resolve("model-evil/x"), "sibling");
        folder = new ModelFolder("org/model", root);
    }

    @Test
    void aRelativePathLeavingTheFolderIsRefusedEvenWhenTheFileExists() {
        ModelDockException e = assertThrows(ModelDockException.class, () -> folder.find("../secret.txt"));
        assertTrue(e.getMessage().contains("../secret.txt"), e.getMessage());
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
        assertThrows(ModelDockException.class, () -> folder.require("../secret.txt"));
        assertThrows(ModelDockException.class, () -> folder.find("1_Pooling/../../secret.txt"));
        assertTrue(folder.inputs().isEmpty());
    }

    @Test
    void aSiblingFolderWhoseNameStartsLikeTheRootIsOutside() {
        assertThrows(ModelDockException.class, () -> folder.find("../model-evil/x"));
    }

    @Test
    void anAbsolutePathOutsideTheFolderIsRefused() {
        String absolute = parent.resolve("secret.txt").toAbsolutePath().toString();
        assertThrows(ModelDockException.class, () -> folder.find(absolute));
    }

    @Test
    void aPathThatStepsOutAndBackInIsAllowed() {
        assertEquals(root.resolve("config.json").toAbsolutePath(),
                folder.find("1_Pooling/../config.json").orElseThrow());
    }

    @Test
    void aMissingFileOrAFolderIsNotFound() {
        assertTrue(folder.find("vocab.txt").isEmpty());
        assertTrue(folder.find("1_Pooling").isEmpty(), "a folder is not a file");
        assertTrue(folder.inputs().isEmpty());
    }

    @Test
    void requireNamesTheMissingFileAndTheModel() {
        ModelDockException e = assertThrows(ModelDockException.class, () -> folder.require("onnx/model.onnx"));
        assertTrue(e.getMessage().contains("onnx/model.onnx"), e.getMessage());
        assertTrue(e.getMessage().contains("org/model"), e.getMessage());
    }

    @Test
    void inputsListFoundFilesRelativeWithForwardSlashesOnceEachWithTheirSha256() throws IOException {
        Files.writeString(root.resolve("tokenizer.json"), "abc");
        folder.require("tokenizer.json");
        folder.find("1_Pooling/config.json");
        folder.find("./config.json");
        folder.find("config.json");
        folder.find("missing.json");

        assertEquals(List.of("1_Pooling/config.json", "config.json", "tokenizer.json"),
                List.copyOf(folder.inputs().keySet()));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                folder.inputs().get("tokenizer.json"), "SHA-256 of \"abc\"");
        assertEquals(Sha256.of(root.resolve("config.json")), folder.inputs().get("config.json"));
    }

    @Test
    void theHashIsTakenWhenTheFileIsFirstHandedOutAndKeptWhenTheFileChangesAfterwards() throws IOException {
        Path config = folder.require("config.json");
        String handedOut = Sha256.of(config);
        Files.writeString(config, "{\"changed\": true}");

        folder.require("config.json");
        assertEquals(handedOut, folder.inputs().get("config.json"),
                "the digest is of the bytes that were there when the file was first handed out");
        assertTrue(!handedOut.equals(Sha256.of(config)), "so whoever compares it with the file now sees the change");
    }

    @Test
    void aFileChangedBeforeItsFirstLookupIsHashedAsItIsThen() throws IOException {
        Files.writeString(root.resolve("config.json"), "{\"hidden_size\": 4}");
        Path config = folder.require("config.json");
        assertEquals(Sha256.of(config), folder.inputs().get("config.json"));
    }

    @Test
    void inputsIsASnapshot() {
        folder.find("config.json");
        var snapshot = folder.inputs();
        folder.find("tokenizer.json");
        assertEquals(1, snapshot.size());
        assertEquals(2, folder.inputs().size());
        assertThrows(UnsupportedOperationException.class, () -> snapshot.put("x", "y"));
    }

    @Test
    @SuppressWarnings("removal")
    void consultedIsTheDeprecatedNameOfTheInputsPaths() {
        folder.find("tokenizer.json");
        folder.find("config.json");
        assertEquals(List.copyOf(folder.inputs().keySet()), List.copyOf(folder.consulted()));
    }

    /**
     * A file last changed more than two seconds before it was hashed needs no second read to be known
     * unchanged, until anything touches it: rewritten with the very same bytes, or replaced by a copy.
     */
    @Test
    void aSettledFileIsVouchedForByItsAttributesUntilItIsRewrittenOrReplaced() throws Exception {
        Thread.sleep(2_100); // the model laid out before each test is settled now
        folder.require("config.json");
        folder.require("tokenizer.json");
        assertTrue(folder.unchangedSinceHashed("config.json"));
        assertTrue(folder.unchangedSinceHashed("tokenizer.json"));
        assertFalse(folder.unchangedSinceHashed("1_Pooling/config.json"), "never handed out");

        Files.writeString(root.resolve("config.json"), "{}");
        Path copy = Files.copy(root.resolve("tokenizer.json"), parent.resolve("tokenizer.json"));
        Files.move(copy, root.resolve("tokenizer.json"), StandardCopyOption.REPLACE_EXISTING);

        assertFalse(folder.unchangedSinceHashed("config.json"), "written again, with the same bytes");
        assertFalse(folder.unchangedSinceHashed("tokenizer.json"), "another file under the same name");
    }

    @Test
    void aFileChangedJustBeforeItWasHashedIsNotVouchedFor() {
        folder.require("config.json"); // written by the set-up a moment ago
        assertFalse(folder.unchangedSinceHashed("config.json"));
    }

    @Test
    void theRootIsAbsoluteAndTheIdIsKeptAsGiven() {
        assertTrue(folder.root().isAbsolute());
        assertEquals("org/model", folder.id());
    }
}
