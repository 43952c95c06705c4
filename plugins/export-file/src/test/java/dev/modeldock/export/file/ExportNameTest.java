package dev.modeldock.export.file;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ModelDockException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExportNameTest {
    @TempDir
    Path dir;

    static Stream<String> badNames() {
        return Stream.of("../evil", "a/b", "a\\b", "", ".hidden", "..", "-x", "x".repeat(201), "a\0b", "a\nb",
                "name\n", "with space", "caf\u00e9", "a:b");
    }

    @ParameterizedTest
    @MethodSource("badNames")
    void rejectsNamesOutsideThePortableAlphabet(String name) {
        ModelDockException e = assertThrows(ModelDockException.class, () -> ExportName.check(name));
        assertTrue(e.getMessage().contains("is not allowed"), e.getMessage());
    }

    @Test
    void rejectsAMissingName() {
        ModelDockException e = assertThrows(ModelDockException.class, () -> ExportName.check(null));
        assertTrue(e.getMessage().contains("is not allowed"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"all-MiniLM-L6-v2", "model_1.2", "_private", "9lives", "a"})
    void acceptsPortableNames(String name) {
        assertDoesNotThrow(() -> ExportName.check(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"model.onnx", "model.ONNX", "model"})
    void aTrailingOnnxExtensionIsNotPartOfTheBaseName(String name) {
        assertEquals("model", ExportName.base(name));
    }

    @Test
    void onlyATrailingOnnxIsTheExtension() {
        assertEquals("model.onnx.v2", ExportName.base("model.onnx.v2"));
        assertEquals("onnx", ExportName.base("onnx"));
    }

    @Test
    void acceptsANameOfExactly200Characters() {
        assertDoesNotThrow(() -> ExportName.check("x".repeat(200)));
    }

    @Test
    void resolvesAFileNameInsideTheFolder() {
        assertEquals(dir.resolve("model.onnx"), ExportName.resolve(dir, "model.onnx"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../model.onnx", "sub/model.onnx", "/etc/passwd", ".", ".."})
    void rejectsFileNamesThatLeaveTheOutputDirectory(String fileName) {
        ModelDockException e = assertThrows(ModelDockException.class, () -> ExportName.resolve(dir, fileName));
        assertTrue(e.getMessage().contains("would leave the output directory"), e.getMessage());
    }
}
