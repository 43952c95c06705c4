package dev.modeldock.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.config.Settings;
import dev.modeldock.graph.PipelineAssembler;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.runtime.PipelineSession;
import dev.modeldock.service.Json;
import dev.modeldock.testkit.DistiluseHubFolder;
import dev.modeldock.testkit.plugin.Plugins;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preconfigured distiluse-base-multilingual-cased-v2, whose configuration asks for int8 weights,
 * found by its hub id in the cache folder ({@link DistiluseHubFolder} stands in for the real model)
 * and exported with no configuration of the caller's.
 */
class DistiluseExportTest {
    @TempDir
    static Path work;
    static Path outputDir;
    static JsonNode metadata;
    static ModelProto exported;

    @BeforeAll
    static void exportPreconfiguredDistiluse() throws Exception {
        Path cache = work.resolve("cache");
        DistiluseHubFolder.create(cache);
        outputDir = work.resolve("out");
        assertTrue(EmbeddingModelConfig.preconfigured(DistiluseHubFolder.HUB_ID).orElseThrow().quantizeModel(),
                "the catalog asks for int8");
        new EmbeddingModel(DistiluseHubFolder.HUB_ID, null, Settings.fromMap(Map.of("cache_dir", cache.toString())),
                Plugins.builtIn()).exportToFile("distiluse", outputDir, (stage, fraction) -> { });
        metadata = Json.MAPPER.readTree(outputDir.resolve("distiluse.json").toFile());
        exported = OnnxModels.read(outputDir.resolve("distiluse.onnx"));
    }

    @Test
    void exportsWithInt8WeightsThatPassTheQualityGate() {
        JsonNode description = metadata.path("modelDescription");
        assertEquals("int8", description.path("weights").asText(), description.toString());
        JsonNode quality = description.path("provenance").path("quality");
        System.out.println("distiluse-shaped quality: " + quality);
        assertEquals("int8", quality.path("weights").asText());
        assertTrue(quality.path("passed").asBoolean(), quality.toString());
        assertFalse(quality.path("waived").asBoolean(), quality.toString());
        assertTrue(quality.path("meanCosine").asDouble() >= 0.98, quality.toString());
        assertEquals(DistiluseHubFolder.HUB_ID, description.path("provenance").path("source").asText());
    }

    @Test
    void theEncodersLargeMatMulIsQuantizedAndTheDensePostProcessorStaysFloat32() {
        GraphProto graph = exported.getGraph();
        List<TensorProto> int8 = graph.getInitializerList().stream()
                .filter(t -> t.getDataType() == DataType.INT8_VALUE).toList();
        assertFalse(int8.isEmpty(), "the encoder's 768 x 768 weight is int8");
        assertTrue(int8.stream().allMatch(t -> t.getName().startsWith(PipelineAssembler.ENCODER_PREFIX)),
                "only the encoder's weights are quantized: " + int8.stream().map(TensorProto::getName).toList());
        Set<String> matMulWeights = graph.getNodeList().stream().filter(n -> n.getOpType().equals("MatMul"))
                .map(n -> n.getInput(1)).collect(Collectors.toSet());
        List<TensorProto> dense = graph.getInitializerList().stream()
                .filter(t -> t.getDimsList().equals(List.of((long) DistiluseHubFolder.HIDDEN,
                        (long) DistiluseHubFolder.WIDTH)))
                .toList();
        assertEquals(1, dense.size(), "one 768 x 512 weight, the Dense's");
        assertEquals(DataType.FLOAT_VALUE, dense.get(0).getDataType());
        assertFalse(dense.get(0).getName().startsWith(PipelineAssembler.ENCODER_PREFIX));
        assertTrue(matMulWeights.contains(dense.get(0).getName()), "a float MatMul reads the Dense's weight");
        assertTrue(graph.getNodeList().stream().map(NodeProto::getOpType).anyMatch("MatMulInteger"::equals));
    }

    @Test
    void theExportedFileEmbedsIn512Values() {
        assertEquals(List.of((long) DistiluseHubFolder.WIDTH), exported.getGraph().getOutput(0).getType()
                .getTensorType().getShape().getDimList().stream().filter(TensorShapeProto.Dimension::hasDimValue)
                .map(TensorShapeProto.Dimension::getDimValue).toList(), "the output's one fixed dimension");
        try (PipelineSession session = PipelineSession.open(outputDir.resolve("distiluse.onnx"), 1)) {
            float[] one = session.embed("Der schnelle braune Fuchs springt über den faulen Hund.");
            float[] other = session.embed("Quarterly revenue rose by four percent.");
            assertEquals(DistiluseHubFolder.WIDTH, one.length);
            assertEquals(DistiluseHubFolder.WIDTH, other.length);
            boolean differ = false;
            for (int i = 0; i < one.length; i++) {
                assertTrue(Float.isFinite(one[i]) && Math.abs(one[i]) <= 1, "Tanh output: " + one[i]);
                differ |= one[i] != other[i];
            }
            assertTrue(differ, "different texts, different vectors");
        }
    }
}
