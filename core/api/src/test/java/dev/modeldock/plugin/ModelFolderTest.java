package dev.modeldock.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lookups in a model folder stay inside it, and the folder remembers what it handed out. */
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
        assertTrue(folder.consulted().isEmpty());
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
        assertTrue(folder.consulted().isEmpty());
    }

    @Test
    void requireNamesTheMissingFileAndTheModel() {
        ModelDockException e = assertThrows(ModelDockException.class, () -> folder.require("onnx/model.onnx"));
        assertTrue(e.getMessage().contains("onnx/model.onnx"), e.getMessage());
        assertTrue(e.getMessage().contains("org/model"), e.getMessage());
    }

    @Test
    void consultedListsFoundFilesRelativeWithForwardSlashesOnceEach() {
        folder.require("tokenizer.json");
        folder.find("1_Pooling/config.json");
        folder.find("./config.json");
        folder.find("config.json");
        folder.find("missing.json");

        assertEquals(List.of("1_Pooling/config.json", "config.json", "tokenizer.json"),
                List.copyOf(folder.consulted()));
    }

    @Test
    void consultedIsASnapshot() {
        folder.find("config.json");
        var snapshot = folder.consulted();
        folder.find("tokenizer.json");
        assertEquals(1, snapshot.size());
        assertEquals(2, folder.consulted().size());
    }

    @Test
    void theRootIsAbsoluteAndTheIdIsKeptAsGiven() {
        assertTrue(folder.root().isAbsolute());
        assertEquals("org/model", folder.id());
    }
}
