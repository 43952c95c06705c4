package dev.modeldock.export.file;

import static dev.modeldock.export.file.ExportFixtures.listing;
import static dev.modeldock.export.file.ExportFixtures.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ExportRequest;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What happens to an earlier export of the same name, on success and on failure. */
class FileExportReplacementTest {
    private static final byte[] OLD_MODEL = "old model bytes".getBytes(StandardCharsets.UTF_8);
    private static final String OLD_METADATA = "{\"old\":true}";

    @TempDir
    Path dir;

    @Test
    void digestMismatchFailsAndLeavesTheEarlierExportUntouched() throws Exception {
        Path out = earlierExport();
        Path artifact = ExportFixtures.artifact(dir.resolve("work"), 50_000, 9);
        ExportRequest promised = request("m", artifact, out);
        String wrong = ExportFixtures.sha256("something else".getBytes(StandardCharsets.UTF_8));
        ExportRequest lying = new ExportRequest("m", artifact, wrong, promised.metadata(), promised.settings());
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> new FileExportTarget().export(lying, Progress.NONE));
        assertTrue(e.getMessage().contains(wrong), e.getMessage());
        assertTrue(e.getMessage().contains(promised.sha256()), "names the digest actually written: " + e.getMessage());
        assertArrayEquals(OLD_MODEL, Files.readAllBytes(out.resolve("m.onnx")));
        assertEquals(OLD_METADATA, Files.readString(out.resolve("m.json")));
        assertEquals(List.of("m.json", "m.onnx"), listing(out), "no .part file is left behind");
    }

    @Test
    void digestMismatchIntoAnEmptyFolderLeavesItEmpty() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path artifact = ExportFixtures.artifact(dir.resolve("work"), 1_000, 10);
        ExportRequest lying = new ExportRequest("m", artifact, "0".repeat(64), "{}",
                Map.of("output_dir", out.toString()));
        assertThrows(ModelDockException.class, () -> new FileExportTarget().export(lying, Progress.NONE));
        assertEquals(List.of(), listing(out));
    }

    @Test
    void uppercaseDigestOfTheRightBytesIsNotAccepted() throws Exception {
        // ExportRequest promises lowercase hex; anything else is a different string, not silently equal.
        Path out = earlierExport();
        Path artifact = ExportFixtures.artifact(dir.resolve("work"), 1_000, 11);
        ExportRequest request = request("m", artifact, out);
        ExportRequest upper = new ExportRequest("m", artifact, request.sha256().toUpperCase(), request.metadata(),
                request.settings());
        assertThrows(ModelDockException.class, () -> new FileExportTarget().export(upper, Progress.NONE));
        assertArrayEquals(OLD_MODEL, Files.readAllBytes(out.resolve("m.onnx")));
    }

    @Test
    void successfulExportReplacesTheEarlierOne() throws Exception {
        Path out = earlierExport();
        Path artifact = ExportFixtures.artifact(dir.resolve("work"), 70_000, 12);
        new FileExportTarget().export(request("m", artifact, out), Progress.NONE);
        assertArrayEquals(Files.readAllBytes(artifact), Files.readAllBytes(out.resolve("m.onnx")));
        assertEquals(ExportFixtures.METADATA, Files.readString(out.resolve("m.json")));
        assertEquals(List.of("m.json", "m.onnx"), listing(out), "no .part file is left behind");
    }

    @Test
    void replaceFalseRefusesAnEarlierExportAndLeavesItUntouched() throws Exception {
        Path out = earlierExport();
        Path artifact = ExportFixtures.artifact(dir.resolve("work"), 1_000, 13);
        ExportRequest request = request("m", artifact, out);
        Map<String, String> settings = new java.util.HashMap<>(request.settings());
        settings.put("replace", "false");
        ExportRequest keep = new ExportRequest("m", artifact, request.sha256(), request.metadata(), settings);
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> new FileExportTarget().export(keep, Progress.NONE));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertArrayEquals(OLD_MODEL, Files.readAllBytes(out.resolve("m.onnx")));
        assertEquals(List.of("m.json", "m.onnx"), listing(out));
    }

    @Test
    void replacingSwapsTheFileRatherThanRewritingItInPlace() throws Exception {
        // A reader holding the old file keeps seeing the old bytes: the new file is renamed over it.
        Path out = earlierExport();
        Object before = Files.readAttributes(out.resolve("m.onnx"),
                java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        Path artifact = ExportFixtures.artifact(dir.resolve("work"), 1_000, 13);
        try (var reader = Files.newInputStream(out.resolve("m.onnx"))) {
            new FileExportTarget().export(request("m", artifact, out), Progress.NONE);
            assertArrayEquals(OLD_MODEL, reader.readAllBytes(), "the open old file is unchanged");
        }
        Object after = Files.readAttributes(out.resolve("m.onnx"),
                java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        assertTrue(before == null || !before.equals(after), "a new inode replaced the old one");
        assertArrayEquals(Files.readAllBytes(artifact), Files.readAllBytes(out.resolve("m.onnx")));
    }

    @Test
    void otherExportsInTheFolderAreLeftAlone() throws Exception {
        Path out = earlierExport();
        Files.writeString(out.resolve("other.onnx"), "other");
        Path artifact = ExportFixtures.artifact(dir.resolve("work"), 1_000, 14);
        new FileExportTarget().export(request("m", artifact, out), Progress.NONE);
        assertEquals("other", Files.readString(out.resolve("other.onnx")));
        assertEquals(List.of("m.json", "m.onnx", "other.onnx"), listing(out));
    }

    @Test
    void directoryWhereTheMetadataGoesIsRefusedAndTheEarlierModelKept() throws Exception {
        Path out = earlierExport();
        Files.delete(out.resolve("m.json"));
        // A non-empty directory where NAME.json goes: never moved or replaced, the export refused.
        Files.writeString(Files.createDirectories(out.resolve("m.json")).resolve("keep"), "x");
        Path artifact = ExportFixtures.artifact(dir.resolve("work"), 1_000, 15);
        ModelDockException refused = assertThrows(ModelDockException.class,
                () -> new FileExportTarget().export(request("m", artifact, out), Progress.NONE));
        assertTrue(refused.getMessage().contains("m.json exists and is not a regular file"), refused.getMessage());
        assertEquals("x", Files.readString(out.resolve("m.json/keep")));
        assertArrayEquals(OLD_MODEL, Files.readAllBytes(out.resolve("m.onnx")),
                "a failed export leaves what was there before untouched (ExportTarget's contract)");
        assertEquals(List.of("m.json", "m.onnx"), listing(out), "no .part file is left behind");
    }

    private Path earlierExport() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.write(out.resolve("m.onnx"), OLD_MODEL);
        Files.writeString(out.resolve("m.json"), OLD_METADATA);
        return out;
    }
}
