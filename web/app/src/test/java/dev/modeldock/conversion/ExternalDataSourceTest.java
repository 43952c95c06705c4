package dev.modeldock.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.modeldock.artifact.Artifact;
import dev.modeldock.config.Settings;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Progress;
import dev.modeldock.plugin.Sha256;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.plugin.Plugins;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source whose encoder keeps its weights in external data ({@code onnx/model.onnx} with
 * {@code onnx/model.onnx_data}, as models past 2 GB ship) converts as the same model with its weights
 * inline does, and the data file is one of the inputs its provenance records.
 */
class ExternalDataSourceTest {
    @TempDir
    Path work;

    @Test
    void anEncoderWithExternalDataConvertsToTheSamePipelineAsWithItsWeightsInline() throws Exception {
        // One folder, so that the source's name (which the pipeline records) is the same both times.
        Path inline = MiniLmHubFolder.create(work);
        try (Artifact fromInline = model(inline).convert(Progress.NONE);
                Artifact fromExternal = model(MiniLmHubFolder.createWithExternalData(work)).convert(Progress.NONE)) {
            Path external = inline;
            assertTrue(Files.size(external.resolve("onnx/model.onnx")) < 1 << 20, "the weights are in the data file");
            assertEquals(fromInline.sha256(), fromExternal.sha256(), "the same pipeline, byte for byte");
            assertEquals(Sha256.of(external.resolve("onnx/model.onnx_data")),
                    fromExternal.provenance().sourceFiles().get("onnx/model.onnx_data"));
            assertEquals(fromInline.provenance().parity().toMap(), fromExternal.provenance().parity().toMap());
        }
    }

    @Test
    void aDataLocationLeavingTheModelFolderIsRefusedBeforeAnythingIsStaged() throws Exception {
        Path external = MiniLmHubFolder.createWithExternalData(work.resolve("external"));
        Path encoder = external.resolve("onnx/model.onnx");
        Files.copy(external.resolve("onnx/model.onnx_data"), work.resolve("stolen.bin"));
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(encoder));
        TensorProto.Builder first = model.getGraph().getInitializer(0).toBuilder();
        for (int i = 0; i < first.getExternalDataCount(); i++) {
            if (first.getExternalData(i).getKey().equals("location")) {
                first.setExternalData(i, StringStringEntryProto.newBuilder().setKey("location")
                        .setValue("../../../../stolen.bin"));
            }
        }
        Files.write(encoder, model.toBuilder().setGraph(model.getGraph().toBuilder().setInitializer(0, first)).build()
                .toByteArray());
        Path staging = Files.createDirectories(work.resolve("staging"));

        ModelDockException e = assertThrows(ModelDockException.class,
                () -> model(external).convert(staging, Progress.NONE));
        assertTrue(e.getMessage().contains("its external data location '../../../../stolen.bin' is not a plain"
                + " relative path inside the model's folder"), e.getMessage());
        try (var left = Files.list(staging)) {
            assertTrue(left.findAny().isEmpty(), "nothing staged");
        }
    }

    private static EmbeddingModel model(Path hub) {
        return new EmbeddingModel(hub.toString(), null, Settings.defaults(), Plugins.builtIn());
    }
}
