package dev.modeldock.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.plan.PipelinePlan;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.source.EncoderGraph;
import dev.modeldock.source.HubModel;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.plugin.Plugins;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline's metadata_props, built from the real MiniLM model and the built-in plugins. */
class PipelineAssemblerMetadataTest {
    @TempDir
    Path work;

    @Test
    void metadataPropsAreWrittenInKeyOrderWhateverOrderTheMapGivesThem() {
        Path folder = MiniLmHubFolder.create(work);
        HubModel model = HubModel.open(new ModelFolder(MiniLmHubFolder.HUB_ID, folder));
        PipelinePlan plan = PipelinePlan.create(model, EncoderGraph.of(OnnxModels.read(model.encoderFile())),
                EmbeddingModelConfig.preconfigured(MiniLmHubFolder.HUB_ID).orElseThrow(), Plugins.builtIn());
        Map<String, String> backwards = new LinkedHashMap<>();
        backwards.put("modeldock.zeta", "3");
        backwards.put("modeldock.configuration", "{}");
        backwards.put("author", "1");

        ModelProto pipeline = PipelineAssembler.assemble(plan, backwards);

        assertEquals(List.of("author", "modeldock.configuration", "modeldock.zeta"), pipeline.getMetadataPropsList()
                .stream().map(StringStringEntryProto::getKey).toList());
    }
}
