package dev.modeldock.conversion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.artifact.Artifact;
import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.config.Json;
import dev.modeldock.config.Settings;
import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.plugin.ExportRequest.Layout;
import dev.modeldock.plugin.ExternalDataPackage;
import dev.modeldock.plugin.ExternalDataPackage.Member;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Progress;
import dev.modeldock.plugin.Sha256;
import dev.modeldock.runtime.PipelineSession;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.plugin.Plugins;
import dev.modeldock.transform.WeightFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code use_external_data} (OML4Py 2.1.1), a pipeline for Oracle Database 26ai keeps its
 * weights in a data file beside the ONNX file, packaged as OML4Py's export2file packages a large
 * model: the ONNX file, the data file and the descriptor of every external initializer, in one zip.
 */
class ExternalDataExportTest {
    private static final List<String> TEXTS = List.of("Vector search lives next to the rows it describes.",
            "Καλημέρα κόσμε, 東京は晴れです", "word ".repeat(300).trim());

    @TempDir
    static Path work;
    static Path hub;
    static Artifact packaged;

    @BeforeAll
    static void convertWithExternalData() throws Exception {
        hub = MiniLmHubFolder.create(work.resolve("hub"));
        packaged = model(true, OracleRelease.DB_26AI).convert(Progress.NONE);
    }

    @AfterAll
    static void deleteStaging() {
        packaged.close();
    }

    @Test
    void aPipelineWithExternalDataIsAPackageOfTheModelItsDataAndTheirDescriptorGivingTheSameVectors()
            throws Exception {
        try (Artifact single = model(null, OracleRelease.DB_26AI).convert(Progress.NONE)) {
            assertEquals(Layout.EXTERNAL_DATA_PACKAGE, packaged.layout());
            assertEquals(Layout.ONNX, single.layout(), "below 1 GB a pipeline is one file unless told otherwise");
            List<Member> members = packaged.packaged();
            assertEquals(3, members.size(), members.toString());
            assertEquals("model.onnx", members.get(0).name());
            assertTrue(members.get(1).name().matches("model-[0-9a-f]{16}\\.dat"), members.get(1).name());
            assertEquals("model_external_data.json", members.get(2).name());
            assertEquals(members, ExternalDataPackage.read(packaged.file()), "each member's SHA-256 as recorded");
            assertEquals(Sha256.of(packaged.file()), packaged.sha256(), "the zip's SHA-256, taken as it was written");
            try (Stream<Path> staged = Files.list(packaged.file().getParent())) {
                assertEquals(List.of(packaged.file()), staged.toList(), "the staging folder holds the package alone");
            }

            Path unpacked = work.resolve("unpacked");
            assertEquals(members, ExternalDataPackage.unpack(packaged.file(), unpacked));
            long dataBytes = Files.size(unpacked.resolve(members.get(1).name()));
            assertTrue(members.get(0).bytes() < dataBytes / 10, "the weights are in the data file: " + members);
            JsonNode descriptor = Json.MAPPER.readTree(unpacked.resolve("model_external_data.json").toFile());
            assertEquals("model.onnx", descriptor.path("model").asText());
            JsonNode first = descriptor.path("initializers").get(0);
            assertTrue(descriptor.path("initializers").size() > 10, descriptor.toString());
            for (JsonNode tensor : descriptor.path("initializers")) {
                assertEquals(members.get(1).name(), tensor.path("location").asText());
                assertEquals(0, tensor.path("offset").asLong() % 4096, "page-aligned: " + tensor);
                assertTrue(tensor.path("offset").asLong() + tensor.path("size").asLong() <= dataBytes, tensor.toString());
                long elements = 1;
                for (JsonNode dim : tensor.path("shape")) {
                    elements *= dim.asLong();
                }
                long width = switch (tensor.path("type").asText()) {
                    case "FLOAT" -> 4;
                    case "INT64" -> 8;
                    default -> throw new AssertionError("a MiniLM pipeline has float and int64 weights: " + tensor);
                };
                assertEquals(elements * width, tensor.path("size").asLong(), "the shape's values: " + tensor);
            }
            assertFalse(first.path("name").asText().isEmpty());

            try (PipelineSession fromPackage = PipelineSession.open(unpacked.resolve("model.onnx"), 1);
                    PipelineSession fromFile = PipelineSession.open(single.file(), 1)) {
                for (String text : TEXTS) {
                    assertArrayEquals(fromFile.embed(text), fromPackage.embed(text), text);
                }
            }
            assertEquals(single.provenance().parity().toMap(), packaged.provenance().parity().toMap(),
                    "validated alike");
        }
    }

    @Test
    void theSameConversionGivesTheSamePackageByteForByte() throws Exception {
        try (Artifact again = model(true, OracleRelease.DB_26AI).convert(Progress.NONE)) {
            assertEquals(packaged.sha256(), again.sha256());
            assertEquals(packaged.packaged(), again.packaged());
        }
    }

    @Test
    void externalDataForOracle23aiIsRefusedNamingRelease26BeforeAnythingIsStaged() throws Exception {
        Path staging = Files.createDirectories(work.resolve("staging-23"));
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> model(true, OracleRelease.DB_23AI).convert(staging, Progress.NONE));
        assertTrue(e.getMessage().contains("use_external_data is true, but Oracle Database 23ai loads one ONNX file"
                + " without external data; export for Oracle Database 26ai (--target-release 26"), e.getMessage());
        try (var left = Files.list(staging)) {
            assertTrue(left.findAny().isEmpty(), "nothing staged");
        }
    }

    @Test
    void leftUnsetExternalDataIsChosenForAnUnquantizedPipelineOver1GbFor26aiOnly() {
        EmbeddingModelConfig unset = EmbeddingModelConfig.defaults();
        long over = PipelineLayout.AUTO_EXTERNAL_ABOVE_BYTES + 1;
        assertTrue(PipelineLayout.usesExternalData(unset, WeightFormat.FLOAT32, OracleRelease.DB_26AI, over));
        assertTrue(PipelineLayout.usesExternalData(unset, WeightFormat.FLOAT16, OracleRelease.DB_26AI, over));
        assertFalse(PipelineLayout.usesExternalData(unset, WeightFormat.FLOAT32, OracleRelease.DB_26AI, over - 1));
        assertFalse(PipelineLayout.usesExternalData(unset, WeightFormat.INT8, OracleRelease.DB_26AI, over),
                "quantized: one file");
        assertFalse(PipelineLayout.usesExternalData(unset, WeightFormat.FLOAT32, OracleRelease.DB_23AI, over),
                "23ai loads no external data; the size refusal answers");
        EmbeddingModelConfig off = unset.with(Map.of("use_external_data", false));
        assertFalse(PipelineLayout.usesExternalData(off, WeightFormat.FLOAT32, OracleRelease.DB_26AI, over));
        EmbeddingModelConfig on = unset.with(Map.of("use_external_data", true));
        assertTrue(PipelineLayout.usesExternalData(on, WeightFormat.INT8, OracleRelease.DB_26AI, 1));
    }

    private static EmbeddingModel model(Boolean useExternalData, OracleRelease release) {
        EmbeddingModelConfig config = EmbeddingModelConfig.preconfigured(MiniLmHubFolder.HUB_ID).orElseThrow();
        if (useExternalData != null) {
            config = config.with(Map.of("use_external_data", useExternalData));
        }
        return new EmbeddingModel(hub.toString(), config, Settings.defaults(), Plugins.builtIn()).forRelease(release);
    }
}
