package dev.modeldock.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.modeldock.artifact.Artifact;
import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.config.Settings;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Progress;
import dev.modeldock.plugin.Sha256;
import dev.modeldock.testkit.MiniLmHubFolder;
import dev.modeldock.testkit.plugin.Plugins;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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

    /**
     * An int8 export starts from a float32 reference; from a source with external data, the reference
     * names the source's data file through a link in the staging folder rather than copying it, and
     * the result is the very pipeline the inline source gives, whose reference was copied.
     */
    @Test
    void anInt8ExportFromExternalDataLinksItsReferenceToTheSourceAndGivesTheSamePipeline() throws Exception {
        Path inline = MiniLmHubFolder.create(work);
        Path staging = Files.createDirectories(work.resolve("staging"));
        List<Path> linksWhileRewriting = new ArrayList<>();
        Progress lookAtTheStagedReference = (stage, fraction) -> {
            if (stage.startsWith("rewriting the encoder's weights")) {
                try (Stream<Path> files = Files.walk(staging)) {
                    for (Path link : files.filter(Files::isSymbolicLink).toList()) {
                        linksWhileRewriting.add(link.toRealPath()); // what it points at, while it is there
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        try (Artifact fromInline = int8(inline).convert(staging, lookAtTheStagedReference)) {
            assertEquals(List.of(), linksWhileRewriting, "a single-file source's reference is a copy");
            Path external = MiniLmHubFolder.createWithExternalData(work);
            try (Artifact fromExternal = int8(external).convert(staging, lookAtTheStagedReference)) {
                assertEquals(1, linksWhileRewriting.size(), linksWhileRewriting.toString());
                assertEquals(external.resolve("onnx/model.onnx_data").toRealPath(), linksWhileRewriting.get(0));
                assertEquals(fromInline.sha256(), fromExternal.sha256(), "the same int8 pipeline, byte for byte");
                try (Stream<Path> left = Files.walk(staging)) {
                    assertEquals(List.of(), left.filter(Files::isSymbolicLink).toList(), "the link is gone");
                }
                assertTrue(Files.size(external.resolve("onnx/model.onnx_data")) > 80_000_000, "and its target stays");
            }
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

    private static EmbeddingModel int8(Path hub) {
        EmbeddingModelConfig config = EmbeddingModelConfig.preconfigured(MiniLmHubFolder.HUB_ID).orElseThrow()
                .with(Map.of("quantize_model", true));
        return new EmbeddingModel(hub.toString(), config, Settings.defaults(), Plugins.builtIn());
    }
}
