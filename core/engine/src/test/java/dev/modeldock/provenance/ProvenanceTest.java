package dev.modeldock.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where an artifact came from. */
class ProvenanceTest {

    @Test
    void hashFilesDigestsEachFileByItsRelativePathInOrder(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"), "abc");
        Files.createDirectories(dir.resolve("1_Pooling"));
        Files.createFile(dir.resolve("1_Pooling/config.json"));
        Files.writeString(dir.resolve("unlisted.txt"), "not asked for");

        SortedMap<String, String> hashes = Provenance.hashFiles(dir, List.of("tokenizer.json", "1_Pooling/config.json"));

        assertEquals(List.of("1_Pooling/config.json", "tokenizer.json"), List.copyOf(hashes.keySet()));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hashes.get("tokenizer.json"));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                hashes.get("1_Pooling/config.json"));
    }

    @Test
    void hashFilesOfNothingIsEmpty(@TempDir Path dir) {
        assertTrue(Provenance.hashFiles(dir, List.of()).isEmpty());
    }

    @Test
    void hashFilesNamesTheFolderWhenAFileIsMissing(@TempDir Path dir) {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> Provenance.hashFiles(dir, List.of("config.json")));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    }

    @Test
    void toMapHoldsEveryFieldUnderItsName() {
        SortedMap<String, String> files = new TreeMap<>(Map.of("config.json", "00"));
        Provenance provenance = new Provenance("org/model", files, Map.of("tokenizer", "bert@1.0"), "ModelDock 1");
        assertEquals(List.of("source", "sourceFiles", "plugins", "tool"), List.copyOf(provenance.toMap().keySet()));
        assertEquals("org/model", provenance.toMap().get("source"));
        assertEquals(files, provenance.toMap().get("sourceFiles"));
        assertEquals(Map.of("tokenizer", "bert@1.0"), provenance.toMap().get("plugins"));
        assertEquals("ModelDock 1", provenance.toMap().get("tool"));
    }

    @Test
    void pluginsAreListedByRoleInNameOrderWhateverOrderTheyWereGivenIn() {
        Map<String, String> plugins = new LinkedHashMap<>();
        plugins.put("tokenizer:bert", "tokenizer-bert@1.0");
        plugins.put("post_processor:Pooling", "postprocessors@1.0");
        plugins.put("post_processor:Normalize", "postprocessors@1.0");
        Provenance provenance = new Provenance("org/model", new TreeMap<>(), plugins, "ModelDock 1");
        @SuppressWarnings("unchecked")
        Map<String, String> listed = (Map<String, String>) provenance.toMap().get("plugins");
        assertEquals(List.of("post_processor:Normalize", "post_processor:Pooling", "tokenizer:bert"),
                List.copyOf(listed.keySet()));
    }

    @Test
    void theToolVersionNamesModelDock() {
        assertTrue(Provenance.toolVersion().startsWith("ModelDock "), Provenance.toolVersion());
    }
}
