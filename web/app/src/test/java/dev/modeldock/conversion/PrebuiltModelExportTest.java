package dev.modeldock.conversion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.artifact.Artifact;
import dev.modeldock.artifact.Provenance;
import dev.modeldock.metadata.CheckContext;
import dev.modeldock.metadata.MetadataJson;
import dev.modeldock.metadata.MetadataProposer;
import dev.modeldock.metadata.MlFunction;
import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.plugin.ExportReceipt;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Sha256;
import dev.modeldock.service.Json;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import dev.modeldock.testkit.onnx.SmallModels;
import dev.modeldock.testkit.plugin.Plugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models that are ONNX already, taken in with their metadata, checked, and exported like converted ones. */
class PrebuiltModelExportTest {
    @TempDir
    Path work;

    @Test
    void classifierWithLabelOutputIsCheckedAndExported() throws Exception {
        Path model = OnnxFixtures.write(SmallModels.irisClassifier(), work.resolve("iris.onnx"));
        ExportReceipt receipt = new PrebuiltModel(model, SmallModels.IRIS_CLASSIFIER_METADATA, Plugins.builtIn()).export("iris", "file",
                Map.of("output_dir", work.resolve("out").toString()), OracleRelease.DB_26AI, (stage, fraction) -> { });
        assertArrayEquals(Files.readAllBytes(model), Files.readAllBytes(work.resolve("out/iris.onnx")));
        JsonNode written = Json.MAPPER.readTree(work.resolve("out/iris.json").toFile());
        assertEquals("class_names", written.path("classificationLabelOutput").asText());
        assertEquals(Sha256.of(model), written.path("modelDescription").path("sha256").asText());
        assertEquals(Sha256.of(model), receipt.sha256());
        JsonNode provenance = written.path("modelDescription").path("provenance");
        assertEquals("uploaded", provenance.path("kind").asText());
        assertEquals(model.toString(), provenance.path("source").asText());
        assertEquals(Sha256.of(model), provenance.path("sourceFiles").path("iris.onnx").asText(), provenance.toString());
        assertEquals(0, provenance.path("plugins").size(), "no plugin made the file; the target only delivers it");
        assertTrue(provenance.path("configuration").isNull() && provenance.path("parity").isNull(), provenance.toString());
        assertTrue(provenance.path("tool").asText().startsWith("ModelDock "), provenance.toString());
    }

    @Test
    void aPrebuiltModelIsStagedAsTheSameArtifactAConversionMakesAndAChangeToTheFileAfterwardsIsNotExported()
            throws Exception {
        Path model = OnnxFixtures.write(SmallModels.featureRegressor(), work.resolve("regressor.onnx"));
        byte[] checked = Files.readAllBytes(model);
        String metadata = SmallModels.FEATURE_REGRESSOR_METADATA;
        Path staging;
        try (Artifact artifact = new PrebuiltModel(model, metadata, Plugins.builtIn()).stage(OracleRelease.DB_26AI, work.resolve("staging"),
                (stage, fraction) -> { })) {
            staging = artifact.file().getParent();
            assertEquals(Provenance.Kind.UPLOADED, artifact.provenance().kind());
            assertEquals(Sha256.of(model), artifact.sha256());
            assertEquals(Map.of("regressor.onnx", artifact.sha256()), artifact.provenance().sourceFiles());
            assertTrue(artifact.dimensions().isEmpty());
            assertFalse(artifact.file().equals(model), "the artifact is a staged copy, not the user's file");

            Files.write(model, new byte[] {1, 2, 3}); // the user's file changes after it was checked
            ExportReceipt receipt = artifact.exportTo(Plugins.builtIn().exportTarget("file"), "r",
                    Map.of("output_dir", work.resolve("out").toString()), (stage, fraction) -> { });
            assertArrayEquals(checked, Files.readAllBytes(work.resolve("out/r.onnx")), "what was checked is exported");
            assertEquals(artifact.sha256(), receipt.sha256());
        }
        assertFalse(Files.exists(staging), "closing the artifact deletes its staged copy");
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(model), "and leaves the user's file alone");
    }

    @Test
    void metadataOracleWouldRefuseStopsTheExportWithItsCodes() throws Exception {
        Path model = OnnxFixtures.write(SmallModels.irisClassifier(), work.resolve("iris.onnx"));
        String metadata = "{\"function\": \"classification\", \"classificationProbOutput\": \"probs\","
                + " \"labels\": [\"a\", \"b\"], \"input\": {\"features\": [\"A\", \"B\"]}}";
        ModelDockException e = assertThrows(ModelDockException.class, () -> new PrebuiltModel(model, metadata,
                Plugins.builtIn()).export("iris", "file", Map.of("output_dir", work.resolve("out").toString()),
                OracleRelease.DB_26AI, (stage, fraction) -> { }));
        assertTrue(e.getMessage().contains("ORA-54413 classificationProbOutput"), e.getMessage());
        assertTrue(e.getMessage().contains("ORA-54420 input.features"), e.getMessage());
        assertFalse(Files.exists(work.resolve("out")), "nothing written");
    }

    @Test
    void proposedMetadataForEachFunctionPassesTheChecker() throws Exception {
        Path classifier = OnnxFixtures.write(SmallModels.irisClassifier(), work.resolve("classifier.onnx"));
        Path regressor = OnnxFixtures.write(SmallModels.featureRegressor(), work.resolve("regressor.onnx"));
        for (var model : Map.of(classifier, MlFunction.CLASSIFICATION, regressor, MlFunction.REGRESSION).entrySet()) {
            ModelSignature signature = ModelSignature.of(OnnxModels.read(model.getKey()));
            String proposal = MetadataJson.write(MetadataProposer.propose(signature, model.getValue()));
            assertEquals(0, new PrebuiltModel(model.getKey(), proposal, Plugins.builtIn()).check(CheckContext.none())
                    .stream().filter(p -> p.isError()).count(), proposal);
        }
    }

    @Test
    void aModelOnnxRuntimeCannotLoadIsRefused() throws Exception {
        // MatMul now reads a tensor nobody produces: the signature is intact, the graph cannot load.
        ModelProto.Builder broken = SmallModels.featureRegressor().toBuilder();
        broken.getGraphBuilder().getNodeBuilder(0).setInput(0, "missing_tensor");
        Path file = work.resolve("broken.onnx");
        OnnxModels.write(broken.build(), file);
        ModelDockException e = assertThrows(ModelDockException.class, () -> new PrebuiltModel(file,
                SmallModels.FEATURE_REGRESSOR_METADATA, Plugins.builtIn()).export("r", "file",
                Map.of("output_dir", work.resolve("out").toString()), OracleRelease.DB_26AI, (stage, fraction) -> { }));
        assertTrue(e.getMessage().contains("ONNX Runtime cannot load"), e.getMessage());
        assertFalse(Files.exists(work.resolve("out/r.onnx")));
    }
}
