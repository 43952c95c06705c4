package dev.modeldock.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Drops what a graph's outputs do not depend on: a discarded encoder output (a pooler head, say)
 * takes its whole branch with it, weights included.
 */
final class GraphPruner {
    private GraphPruner() {
    }

    static void prune(GraphProto.Builder graph) {
        Set<String> needed = new HashSet<>();
        graph.getOutputList().forEach(output -> needed.add(output.getName()));
        // Nodes are stored in topological order, so one backward sweep finds every producer needed.
        Deque<NodeProto> kept = new ArrayDeque<>();
        List<NodeProto> nodes = graph.getNodeList();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            NodeProto node = nodes.get(i);
            if (node.getOutputList().stream().anyMatch(needed::contains)) {
                kept.addFirst(node);
                addNames(node.getInputList(), needed);
                node.getAttributeList().forEach(attribute -> addSubgraphReferences(attribute, needed));
            }
        }
        List<ValueInfoProto> valueInfo = graph.getValueInfoList().stream()
                .filter(v -> needed.contains(v.getName())).toList();
        var initializers = graph.getInitializerList().stream().filter(t -> needed.contains(t.getName())).toList();
        var sparse = graph.getSparseInitializerList().stream()
                .filter(t -> needed.contains(t.getValues().getName())).toList();
        graph.clearNode().addAllNode(kept)
                .clearInitializer().addAllInitializer(initializers)
                .clearSparseInitializer().addAllSparseInitializer(sparse)
                .clearValueInfo().addAllValueInfo(valueInfo);
    }

    /** Adds tensor names, leaving out "", which marks an omitted optional input and names nothing. */
    private static void addNames(List<String> names, Set<String> needed) {
        names.stream().filter(name -> !name.isEmpty()).forEach(needed::add);
    }

    /** A subgraph may read any tensor of the enclosing scope; keep them all. */
    private static void addSubgraphReferences(AttributeProto attribute, Set<String> needed) {
        List<GraphProto> subgraphs = attribute.hasG() ? List.of(attribute.getG()) : attribute.getGraphsList();
        for (GraphProto subgraph : subgraphs) {
            for (NodeProto node : subgraph.getNodeList()) {
                addNames(node.getInputList(), needed);
                node.getAttributeList().forEach(inner -> addSubgraphReferences(inner, needed));
            }
        }
    }
}
