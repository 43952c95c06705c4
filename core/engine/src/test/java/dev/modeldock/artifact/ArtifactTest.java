package dev.modeldock.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ExportReceipt;
import dev.modeldock.plugin.ExportRequest;
import dev.modeldock.plugin.ExportTarget;
import dev.modeldock.plugin.Progress;
import dev.modeldock.plugin.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one artifact type: a file in a staging folder it owns, and what an export target is handed. */
class ArtifactTest {
    @TempDir
    Path work;

    @Test
    void closingDeletesTheStagingFolderWithEverythingInIt() throws IOException {
        Artifact artifact = artifact(Artifact.newStaging(work));
        Files.writeString(artifact.file().resolveSibling("left-over.tmp"), "x");
        Path staging = artifact.file().getParent();
        assertTrue(staging.startsWith(work), "made under the parent given");

        artifact.close();
        assertFalse(Files.exists(staging));
        artifact.close(); // closing twice is harmless
    }

    @Test
    void aFileOutsideAStagingFolderIsRefusedSoClosingCanNeverDeleteSomeoneElsesFolder() throws IOException {
        Path folder = Files.createDirectories(work.resolve("models"));
        Path file = Files.writeString(folder.resolve("model.onnx"), "onnx");
        assertThrows(IllegalArgumentException.class, () -> new Artifact(folder, file, Sha256.of(file), 4, "{}",
                Provenance.uploaded("model.onnx", "model.onnx", Sha256.of(file)), OptionalInt.empty()));
        Path staging = Artifact.newStaging(work);
        assertThrows(IllegalArgumentException.class, () -> new Artifact(staging, file, Sha256.of(file), 4, "{}",
                Provenance.uploaded("model.onnx", "model.onnx", Sha256.of(file)), OptionalInt.empty()));
        assertTrue(Files.exists(file));
    }

    @Test
    void anExportHandsTheTargetTheFileItsSha256AndMetadataAndReportsAfterTheMaking() throws IOException {
        List<ExportRequest> received = new ArrayList<>();
        List<Double> fractions = new ArrayList<>();
        ExportTarget target = new ExportTarget() {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            public ExportReceipt export(ExportRequest request, Progress progress) throws IOException {
                received.add(request);
                progress.report("half", 0.5);
                progress.report("done", 1.0);
                return new ExportReceipt(name(), "somewhere", Sha256.of(request.model()), Files.size(request.model()));
            }
        };
        try (Artifact artifact = artifact(Artifact.newStaging(null))) {
            ExportReceipt receipt = artifact.exportTo(target, "m", Map.of("k", "v"),
                    (stage, fraction) -> fractions.add(fraction));
            ExportRequest request = received.get(0);
            assertEquals(new ExportRequest("m", artifact.file(), artifact.sha256(), artifact.metadata(), Map.of("k", "v")),
                    request);
            assertEquals(artifact.sha256(), receipt.sha256());
            assertEquals(2, fractions.size());
            assertEquals(0.95, fractions.get(0), 1e-12);
            assertEquals(1.0, fractions.get(1), 1e-12);
        }
    }

    private static Artifact artifact(Path staging) throws IOException {
        Path file = Files.writeString(staging.resolve("model.onnx"), "not really onnx");
        String sha256 = Sha256.of(file);
        return new Artifact(staging, file, sha256, Files.size(file), "{\"function\": \"embedding\"}",
                Provenance.uploaded("model.onnx", "model.onnx", sha256), OptionalInt.empty());
    }
}
