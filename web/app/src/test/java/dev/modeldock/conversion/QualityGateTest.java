package dev.modeldock.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.artifact.Artifact;
import dev.modeldock.cli.CommandLine;
import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.config.Settings;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.service.Json;
import dev.modeldock.testkit.Int8FragileMiniLm;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.plugin.Plugins;
import dev.modeldock.validation.QualityReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The int8 quality gate on a model that int8 quantization wrecks ({@link Int8FragileMiniLm}) while
 * its float32 pipeline stays true to its reference: refused unless the user waives the gate, and
 * the waiver is recorded.
 */
class QualityGateTest {
    @TempDir
    static Path shared;
    static Path model;

    @TempDir
    Path work;

    @BeforeAll
    static void layOutFragileModel() {
        model = Int8FragileMiniLm.create(shared.resolve("hub"));
    }

    @Test
    void int8ExportBelowTheGateIsRefusedNamingTheCosineTheGateAndTheOverride() {
        Path out = work.resolve("out");
        CommandLine export = CommandLine.run("export", "--model", model.toString(), "--config",
                "{\"quantize_model\": true}", "--name", "fragile", "--output-dir", out.toString());
        assertEquals(1, export.exit());
        String error = export.err().strip();
        assertTrue(error.startsWith("error: the int8 pipeline's vectors are too far from the float32 pipeline's:"
                + " mean cosine "), error);
        assertTrue(error.contains("below the int8 gate of 0.980"), error);
        assertTrue(error.contains("export without quantize_model, or set ignore_quality_gate (--ignore-quality-gate)"),
                error);
        double meanCosine = Double.parseDouble(error.replaceAll("(?s).*mean cosine ([0-9.]+) .*", "$1"));
        assertTrue(meanCosine < 0.9, "clearly below the gate: " + meanCosine);
        assertEquals(List.of(), entries(out), "nothing written");
    }

    @Test
    void theCommandLinesIgnoreQualityGateKeepsItAndSaysSo() throws IOException {
        Path out = work.resolve("out");
        CommandLine export = CommandLine.run("export", "--model", model.toString(), "--config",
                "{\"quantize_model\": true}", "--name", "fragile", "--output-dir", out.toString(),
                "--ignore-quality-gate");
        assertEquals(0, export.exit(), export.err());
        assertTrue(export.err().contains("; below the gate, kept because of --ignore-quality-gate"), export.err());
        JsonNode quality = Json.MAPPER.readTree(export.out()).path("quality");
        assertTrue(quality.path("waived").asBoolean() && !quality.path("passed").asBoolean(), quality.toString());
    }

    @Test
    void refusedConversionLeavesNoStagingFolder() throws IOException {
        Path staging = Files.createDirectories(work.resolve("staging"));
        EmbeddingModel fragile = new EmbeddingModel(model.toString(), int8(), Settings.defaults(), Plugins.builtIn());
        assertThrows(ModelDockException.class, () -> fragile.convert(staging, (stage, fraction) -> { }).close());
        assertEquals(List.of(), entries(staging));
    }

    @Test
    void ignoreQualityGateKeepsTheInt8PipelineAndRecordsTheWaiver() throws IOException {
        Settings waive = Settings.fromMap(Map.of("ignore_quality_gate", true));
        EmbeddingModel fragile = new EmbeddingModel(model.toString(), int8(), waive, Plugins.builtIn());
        assertTrue(fragile.ignoresQualityGate());
        Path out = work.resolve("out");
        try (Artifact artifact = fragile.convert(work.resolve("staging"), (stage, fraction) -> { })) {
            QualityReport quality = artifact.provenance().quality();
            assertNotNull(quality, "an int8 version states its quality");
            assertTrue(quality.waived());
            assertFalse(quality.passed());
            assertTrue(quality.meanCosine() < 0.98, quality.describe());
            assertTrue(artifact.provenance().parity().passed(), "the float32 pipeline still matched its reference");
            artifact.exportTo(Plugins.builtIn().exportTarget("file"), "fragile", Map.of("output_dir", out.toString()),
                    (stage, fraction) -> { });
        }
        JsonNode recorded = Json.MAPPER.readTree(out.resolve("fragile.json").toFile())
                .path("modelDescription").path("provenance").path("quality");
        assertTrue(recorded.path("waived").asBoolean(), recorded.toString());
        assertFalse(recorded.path("passed").asBoolean(), recorded.toString());
        assertEquals("int8", recorded.path("weights").asText());
        assertEquals(List.of("fragile.json", "fragile.onnx"), entries(out));
    }

    @Test
    void theSameModelInFloat32MatchesItsReference() throws IOException {
        EmbeddingModel fragile = new EmbeddingModel(model.toString(), null, Settings.defaults(), Plugins.builtIn());
        try (Artifact artifact = fragile.convert(work.resolve("staging"), (stage, fraction) -> { })) {
            assertTrue(artifact.provenance().parity().passed(), String.join("; ",
                    artifact.provenance().parity().describe()));
            assertNull(artifact.provenance().quality(), "float32 has nothing to compare with");
            assertEquals(MiniLmHubFolder.WIDTH, artifact.dimensions().getAsInt());
        }
    }

    /** MiniLM's preconfigured properties with quantize_model. */
    private static EmbeddingModelConfig int8() {
        return EmbeddingModelConfig.preconfigured(MiniLmHubFolder.HUB_ID).orElseThrow()
                .with(Map.of("quantize_model", true));
    }

    private static List<String> entries(Path folder) {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
