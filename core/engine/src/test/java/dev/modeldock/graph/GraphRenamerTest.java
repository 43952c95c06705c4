package dev.modeldock.graph;

import static dev.modeldock.testkit.onnx.OnnxFixtures.graphAttribute;
import static dev.modeldock.testkit.onnx.OnnxFixtures.node;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.modeldock.onnx.TensorTypes;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renaming reaches into subgraphs, so that their references to the enclosing graph still resolve. */
class GraphRenamerTest {

    /**
     * w = Neg(x); r = If(c, then: t = Mul(w, x), else: e = Identity(x)). Both branches read tensors of the
     * enclosing graph.
     */
    static GraphProto ifGraph() {
        GraphProto thenBranch = GraphProto.newBuilder().setName("then")
                .addNode(node("Mul", "then_mul", List.of("w", "x"), List.of("t")))
                .addOutput(TensorTypes.tensor("t", DataType.FLOAT, 3)).build();
        GraphProto elseBranch = GraphProto.newBuilder().setName("else")
                .addNode(node("Identity", "else_identity", List.of("x"), List.of("e")))
                .addOutput(TensorTypes.tensor("e", DataType.FLOAT, 3)).build();
        NodeProto ifNode = node("If", "choose", List.of("c"), List.of("r")).toBuilder()
                .addAttribute(graphAttribute("then_branch", thenBranch))
                .addAttribute(graphAttribute("else_branch", elseBranch)).build();
        return GraphProto.newBuilder().setName("main")
                .addInput(TensorTypes.tensor("x", DataType.FLOAT, 3))
                .addInput(TensorTypes.tensor("c", DataType.BOOL))
                .addNode(node("Neg", "negate", List.of("x"), List.of("w")))
                .addNode(ifNode)
                .addOutput(TensorTypes.tensor("r", DataType.FLOAT, 3)).build();
    }

    @Test
    void renamingAppliesTheSameNamesInsideIfBranchesAsOutside() {
        GraphProto renamed = GraphRenamer.rename(ifGraph(), name -> "p/" + name);

        assertEquals(List.of("p/x", "p/c"), renamed.getInputList().stream().map(v -> v.getName()).toList());
        assertEquals("p/r", renamed.getOutput(0).getName());
        NodeProto negate = renamed.getNode(0);
        assertEquals("p/negate", negate.getName());
        assertEquals(List.of("p/x"), negate.getInputList());
        assertEquals(List.of("p/w"), negate.getOutputList());

        NodeProto ifNode = renamed.getNode(1);
        assertEquals("p/choose", ifNode.getName());
        assertEquals(List.of("p/c"), ifNode.getInputList());
        assertEquals(List.of("p/r"), ifNode.getOutputList());
        assertEquals(List.of("then_branch", "else_branch"),
                ifNode.getAttributeList().stream().map(a -> a.getName()).toList(), "attribute names are not tensors");

        GraphProto thenBranch = ifNode.getAttribute(0).getG();
        assertEquals("p/then_mul", thenBranch.getNode(0).getName());
        assertEquals(List.of("p/w", "p/x"), thenBranch.getNode(0).getInputList());
        assertEquals(List.of("p/t"), thenBranch.getNode(0).getOutputList());
        assertEquals("p/t", thenBranch.getOutput(0).getName());

        GraphProto elseBranch = ifNode.getAttribute(1).getG();
        assertEquals(List.of("p/x"), elseBranch.getNode(0).getInputList());
        assertEquals("p/e", elseBranch.getOutput(0).getName());
    }

    @Test
    void unnamedNodesStayUnnamed() {
        GraphProto graph = GraphProto.newBuilder()
                .addNode(NodeProto.newBuilder().setOpType("Neg").addInput("x").addOutput("y")).build();
        NodeProto renamed = GraphRenamer.rename(graph, name -> "p/" + name).getNode(0);
        assertEquals("", renamed.getName());
        assertEquals(List.of("p/x"), renamed.getInputList());
    }

    @Test
    void aRenamedGraphWithSubgraphsStillRunsInOnnxRuntime(@TempDir Path dir) throws Exception {
        Path file = OnnxFixtures.write(GraphRenamer.rename(ifGraph(), name -> "p/" + name), dir, "renamed.onnx");
        float[] x = {1f, -2f, 3f};

        float[] thenResult = (float[]) OnnxFixtures.run(file, Map.of("p/x", x, "p/c", true), "p/r").get("p/r");
        float[] elseResult = (float[]) OnnxFixtures.run(file, Map.of("p/x", x, "p/c", false), "p/r").get("p/r");

        assertArrayEquals(new float[] {-1f, -4f, -9f}, thenResult, 0f); // -x * x
        assertArrayEquals(x, elseResult, 0f);
    }
}
