package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.modeldock.metadata.MetadataProblem;
import dev.modeldock.registry.NewVersion;
import dev.modeldock.registry.Version;
import dev.modeldock.service.GraphSummary;
import dev.modeldock.service.VersionInspection;
import dev.modeldock.service.VersionService;
import dev.modeldock.testkit.onnx.SmallModels;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A stored version looked at again: its graph read from the artifact, its metadata checked with it. */
class VersionInspectionTest {
    @RegisterExtension
    static final ServerFixture server = ServerFixture.perClass();

    @Test
    void graphSummaryIsReadFromTheStoredArtifact() {
        server.admin().createModel("inspect-classifier");
        server.admin().upload("inspect-classifier", ServerFixture.classifier(), ServerFixture.CLASSIFIER_METADATA);
        VersionService versions = server.server.services().versions();
        VersionInspection inspection = versions.inspect(versions.get("inspect-classifier", "1"));

        ModelProto model = SmallModels.irisClassifier();
        GraphSummary graph = inspection.graph();
        assertEquals(model.getIrVersion(), graph.irVersion());
        assertEquals(SmallModels.OPSET, graph.opset());
        assertEquals(model.getGraph().getNodeCount(), graph.nodeCount());
        assertEquals(ServerFixture.classifier().length, graph.sizeBytes());
        assertEquals(List.of("features"), graph.inputs().stream().map(t -> t.name()).toList());
        assertEquals("FLOAT[?, 4]", graph.inputs().get(0).describe());
        assertEquals(List.of("probabilities", "class_names"), graph.outputs().stream().map(t -> t.name()).toList());
        assertTrue(graph.customDomains().isEmpty(), graph.customDomains().toString());
        assertTrue(inspection.accepted());
        assertEquals(List.of(), inspection.findings());
        assertEquals(23, inspection.targetRelease(), "an upload that names no release is for 23ai, the default");
    }

    @Test
    void metadataTheCheckerRefusesIsReportedWithItsOracleCode() {
        server.admin().createModel("inspect-refused");
        server.admin().upload("inspect-refused", ServerFixture.regressor(), ServerFixture.REGRESSOR_METADATA);
        VersionService versions = server.server.services().versions();
        Version good = versions.get("inspect-refused", "1");
        // Stored straight into the registry, as an older ModelDock with laxer rules might have: the
        // page must still say what Oracle would refuse today.
        Version stored = server.server.services().registry().versions().create("inspect-refused", new NewVersion(
                good.artifactSha256(), null, good.lineage(), "{\"function\": \"regression\", \"input\":"
                        + " {\"no_such_input\": [\"A\"]}}", good.validation()), "admin");

        VersionInspection inspection = versions.inspect(stored);
        assertFalse(inspection.accepted());
        MetadataProblem error = inspection.findings().stream().filter(MetadataProblem::isError).findFirst()
                .orElseThrow();
        assertTrue(error.code().startsWith("ORA-"), error.toString());
        assertTrue(error.toString().contains("no_such_input"), error.toString());
        assertTrue(versions.inspect(good).accepted(), "the same artifact with its own metadata passes");
    }
}
