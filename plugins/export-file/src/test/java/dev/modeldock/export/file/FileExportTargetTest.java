package dev.modeldock.export.file;

import static dev.modeldock.export.file.ExportFixtures.listing;
import static dev.modeldock.export.file.ExportFixtures.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modeldock.plugin.DeployedState;
import dev.modeldock.plugin.ExportReceipt;
import dev.modeldock.plugin.ExportRequest;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Progress;
import dev.modeldock.plugin.Sha256;
import dev.modeldock.testkit.plugin.ExportTargetContract;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FileExportTargetTest {
    @TempDir
    Path dir;

    @Test
    void writesModelAndMetadataUnderTheExportName() throws Exception {
        Path artifact = ExportFixtures.artifact(dir.resolve("work"), 3_000_000, 7);
        Path out = dir.resolve("out");
        new FileExportTarget().export(request("mini-lm", artifact, out), Progress.NONE);
        assertEquals(List.of("mini-lm.json", "mini-lm.onnx"), listing(out));
        assertArrayEquals(Files.readAllBytes(artifact), Files.readAllBytes(out.resolve("mini-lm.onnx")));
        assertArrayEquals(ExportFixtures.METADATA.getBytes(StandardCharsets.UTF_8),
                Files.readAllBytes(out.resolve("mini-lm.json")), "metadata is written as UTF-8");
        assertTrue(Files.exists(artifact), "the artifact is copied, not moved");
    }

    @Test
    void aModelWithExternalDataIsWrittenAsItsPackageNamedZipAndInspectedAsIt() throws Exception {
        Path artifact = ExportFixtures.artifact(dir.resolve("work"), 40_000, 3);
        Path out = dir.resolve("out");
        ExportRequest plain = request("large", artifact, out);
        ExportRequest packaged = new ExportRequest(plain.name(), plain.model(), plain.sha256(), plain.metadata(),
                plain.settings(), ExportRequest.Layout.EXTERNAL_DATA_PACKAGE);
        ExportReceipt receipt = new FileExportTarget().export(packaged, Progress.NONE);
        assertEquals(List.of("large.json", "large.zip"), listing(out));
        assertEquals(out.resolve("large.zip").toAbsolutePath().toString(), receipt.location());
        assertArrayEquals(Files.readAllBytes(artifact), Files.readAllBytes(out.resolve("large.zip")));
        DeployedState deployed = new FileExportTarget().inspect(packaged);
        assertTrue(deployed.matches(), deployed.detail());
        assertFalse(new FileExportTarget().inspect(plain).present(), "no large.onnx was written");
    }

    @Test
    void aModelTheHostWillDeleteIsRenamedIntoPlaceNotWrittenAgain() throws Exception {
        Path artifact = ExportFixtures.artifact(dir.resolve("work"), 3_000_000, 11);
        byte[] bytes = Files.readAllBytes(artifact);
        Object inode = Files.getAttribute(artifact, "unix:ino");
        Path out = dir.resolve("out");

        ExportReceipt receipt = new FileExportTarget().export(disposable(request("moved", artifact, out)),
                Progress.NONE);

        assertEquals(List.of("moved.json", "moved.onnx"), listing(out));
        assertEquals(inode, Files.getAttribute(out.resolve("moved.onnx"), "unix:ino"), "the same file, renamed");
        assertFalse(Files.exists(artifact));
        assertArrayEquals(bytes, Files.readAllBytes(out.resolve("moved.onnx")));
        assertEquals(bytes.length, receipt.bytes());
    }

    /** /dev/shm is a filesystem of its own on Linux: a rename cannot reach the output folder from there. */
    @Test
    void aModelTheHostWillDeleteOnAnotherFilesystemIsCopiedAndChecked() throws Exception {
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isWritable(shm) && !Files.getFileStore(shm).equals(Files.getFileStore(dir)),
                "needs /dev/shm on a filesystem of its own");
        Path work = Files.createTempDirectory(shm, "modeldock-test-");
        try {
            Path artifact = ExportFixtures.artifact(work, 3_000_000, 13);
            Path out = dir.resolve("out");

            new FileExportTarget().export(disposable(request("copied", artifact, out)), Progress.NONE);

            assertArrayEquals(Files.readAllBytes(artifact), Files.readAllBytes(out.resolve("copied.onnx")));
        } finally {
            try (Stream<Path> files = Files.list(work)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(work);
        }
    }

    private static ExportRequest disposable(ExportRequest request) {
        return new ExportRequest(request.name(), request.model(), request.sha256(), request.metadata(),
                request.settings(), request.layout(), true);
    }

    @Test
    void receiptNamesTheFileAndItsDigestAndSize() throws Exception {
        Path artifact = ExportFixtures.artifact(dir.resolve("work"), 12_345, 1);
        Path out = dir.resolve("out");
        ExportReceipt receipt = new FileExportTarget().export(request("m", artifact, out), Progress.NONE);
        byte[] written = Files.readAllBytes(out.resolve("m.onnx"));
        assertEquals("file", receipt.target());
        assertEquals(out.resolve("m.onnx").toAbsolutePath().toString(), receipt.location());
        assertEquals(ExportFixtures.sha256(written), receipt.sha256());
        assertEquals(12_345, receipt.bytes());
        assertEquals(written.length, receipt.bytes());
    }

    @Test
    void createsAMissingOutputDirectory() throws Exception {
        Path artifact = ExportFixtures.artifact(dir.resolve("work"), 100, 2);
        Path out = dir.resolve("a/b/c");
        new FileExportTarget().export(request("m", artifact, out), Progress.NONE);
        assertTrue(Files.isRegularFile(out.resolve("m.onnx")));
        assertTrue(Files.isRegularFile(out.resolve("m.json")));
    }

    @Test
    void exportedFilesGetTheUsualPermissionsNotOwnerOnly() throws Exception {
        Path artifact = ExportFixtures.artifact(dir.resolve("work"), 100, 3);
        Path out = Files.createDirectories(dir.resolve("out"));
        // A file created the ordinary way shows what the process umask allows.
        Path reference = out.resolve("reference");
        try (OutputStream stream = Files.newOutputStream(reference)) {
            stream.write(1);
        }
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(reference);
        new FileExportTarget().export(request("m", artifact, out), Progress.NONE);
        assertEquals(expected, Files.getPosixFilePermissions(out.resolve("m.onnx")));
        assertEquals(expected, Files.getPosixFilePermissions(out.resolve("m.json")));
        Set<PosixFilePermission> artifactPermissions = Files.getPosixFilePermissions(artifact);
        assertEquals(expected, artifactPermissions, "fixture sanity: the artifact was created the same way");
    }

    @Test
    void reportsProgressUpToCompletion() throws Exception {
        Path artifact = ExportFixtures.artifact(dir.resolve("work"), 2_500_000, 4);
        List<Double> fractions = new ArrayList<>();
        new FileExportTarget().export(request("m", artifact, dir.resolve("out")), (stage, f) -> fractions.add(f));
        assertTrue(fractions.size() >= 2, fractions.toString());
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), "progress never goes back: " + fractions);
        }
        assertEquals(1.0, fractions.get(fractions.size() - 1), 1e-9);
    }

    static Stream<String> badNames() {
        return ExportNameTest.badNames();
    }

    @ParameterizedTest
    @MethodSource("badNames")
    void rejectsABadNameAndWritesNothing(String name) throws Exception {
        Path artifact = ExportFixtures.artifact(dir.resolve("work"), 100, 5);
        Path out = Files.createDirectories(dir.resolve("out"));
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> new FileExportTarget().export(request(name, artifact, out), Progress.NONE));
        assertTrue(e.getMessage().contains("export name"), e.getMessage());
        assertEquals(List.of(), listing(out));
        assertEquals(List.of("out", "work"), listing(dir), "nothing written beside the output directory either");
    }

    @Test
    void checkRejectsABadNameBeforeAnyWork() {
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> new FileExportTarget().check("../evil", Map.of("output_dir", dir.toString())));
        assertTrue(e.getMessage().contains("'../evil'"), e.getMessage());
    }

    @Test
    void checkRejectsAnOutputDirThatIsARegularFile() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> new FileExportTarget().check("m", Map.of("output_dir", file.toString())));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void exportRejectsAnOutputDirThatIsARegularFile() throws Exception {
        Path artifact = ExportFixtures.artifact(dir.resolve("work"), 100, 6);
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> new FileExportTarget().export(request("m", artifact, file), Progress.NONE));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertEquals("x", Files.readString(file));
    }

    @Test
    void checkSaysWhyAFolderUnderAFileCannotBeCreated() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Path folder = file.resolve("sub/deeper");
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> new FileExportTarget().check("m", Map.of("output_dir", folder.toString())));
        assertEquals("cannot create output directory " + folder + ": " + file + " is a file, not a folder",
                e.getMessage());
    }

    @Test
    void exportSaysWhyAFolderUnderAFileCannotBeCreatedAndWritesNothing() throws Exception {
        Path artifact = ExportFixtures.artifact(dir.resolve("work"), 100, 9);
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> new FileExportTarget().export(request("m", artifact, file.resolve("out")), Progress.NONE));
        assertEquals("cannot create output directory " + file.resolve("out") + ": " + file + " is a file, not a folder",
                e.getMessage());
        assertEquals("x", Files.readString(file));
    }

    @Test
    void withoutAnOutputDirNothingIsWrittenIntoTheWorkingDirectory() throws Exception {
        Path artifact = ExportFixtures.artifact(dir.resolve("work"), 100, 5);
        ExportRequest request = new ExportRequest("stray", artifact, Sha256.of(artifact), ExportFixtures.METADATA,
                Map.of());
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> new FileExportTarget().export(request, Progress.NONE));
        assertTrue(e.getMessage().contains("'output_dir'"), e.getMessage());
        assertTrue(Files.notExists(Path.of("stray.onnx")), "written into " + Path.of("").toAbsolutePath());
    }

    @Test
    void itsSettingsDeclarationAgreesWithItsCheck() {
        ExportTargetContract.assertDeclarationMatchesCheck(new FileExportTarget(), "m",
                Map.of("output_dir", dir.toString()));
    }

    @Test
    void checkAcceptsAGoodNameAndAFolderThatDoesNotExistYet() {
        new FileExportTarget().check("m", Map.of("output_dir", dir.resolve("later").toString()));
        assertTrue(Files.notExists(dir.resolve("later")), "check creates nothing");
    }

    @Test
    void aNameGivenWithItsOnnxExtensionIsNotDoubled() throws Exception {
        Path artifact = ExportFixtures.artifact(dir.resolve("work"), 100, 10);
        Path out = dir.resolve("out");
        ExportReceipt receipt = new FileExportTarget().export(request("minilm.onnx", artifact, out), Progress.NONE);
        assertEquals(List.of("minilm.json", "minilm.onnx"), listing(out));
        assertEquals(out.resolve("minilm.onnx").toAbsolutePath().toString(), receipt.location());
        assertTrue(new FileExportTarget().inspect(request("minilm.onnx", artifact, out)).matches(),
                "the deployed file is found under the same name");
    }

    @Test
    void exportNameIsTakenFromTheRequestNotTheArtifact() throws Exception {
        Path artifact = ExportFixtures.artifact(dir.resolve("work"), 100, 8);
        ExportRequest request = request("renamed", artifact, dir.resolve("out"));
        new FileExportTarget().export(request, Progress.NONE);
        assertEquals(List.of("renamed.json", "renamed.onnx"), listing(dir.resolve("out")));
    }
}
