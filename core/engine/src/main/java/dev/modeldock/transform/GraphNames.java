package dev.modeldock.transform;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/** The tensor names a graph uses, its subgraphs' included, so that a rewrite can add new ones and drop unread ones. */
final class GraphNames {
    private GraphNames() {
    }

    /** Every name declared, produced or read anywhere in {@code graph}. */
    static Set<String> all(GraphProto graph) {
        Set<String> names = new HashSet<>();
        walk(graph, g -> {
            g.getInputList().forEach(v -> names.add(v.getName()));
            g.getOutputList().forEach(v -> names.add(v.getName()));
            g.getValueInfoList().forEach(v -> names.add(v.getName()));
            g.getInitializerList().forEach(t -> names.add(t.getName()));
            for (NodeProto node : g.getNodeList()) {
                names.addAll(node.getInputList());
                names.addAll(node.getOutputList());
            }
        });
        return names;
    }

    /** The names some node reads, or a graph publishes, anywhere in {@code graph}. */
    static Set<String> read(GraphProto graph) {
        Set<String> names = new HashSet<>();
        walk(graph, g -> {
            g.getOutputList().forEach(v -> names.add(v.getName()));
            g.getNodeList().forEach(node -> names.addAll(node.getInputList()));
        });
        return names;
    }

    /**
     * {@code hint}, or {@code hint_1}, {@code hint_2}... the first not in {@code names}; added to them,
     * so that the next call cannot return it again.
     */
    static String fresh(Set<String> names, String hint) {
        String name = hint;
        for (int i = 1; !names.add(name); i++) {
            name = hint + "_" + i;
        }
        return name;
    }

    private static void walk(GraphProto graph, Consumer<GraphProto> visit) {
        visit.accept(graph);
        for (NodeProto node : graph.getNodeList()) {
            for (AttributeProto attribute : node.getAttributeList()) {
                if (attribute.hasG()) {
                    walk(attribute.getG(), visit);
                }
                attribute.getGraphsList().forEach(g -> walk(g, visit));
            }
        }
    }
}
