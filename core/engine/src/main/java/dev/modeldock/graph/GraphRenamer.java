package dev.modeldock.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.SparseTensorProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.function.UnaryOperator;

/**
 * Applies one renaming to every tensor and node name of a graph, subgraphs included. Because the
 * same function is applied in every scope, a subgraph's references to outer-scope tensors stay
 * consistent. Weights are shared with the original, not copied.
 */
final class GraphRenamer {
    private GraphRenamer() {
    }

    static GraphProto rename(GraphProto graph, UnaryOperator<String> rename) {
        GraphProto.Builder copy = graph.toBuilder().clearNode().clearInitializer().clearSparseInitializer()
                .clearInput().clearOutput().clearValueInfo();
        for (NodeProto node : graph.getNodeList()) {
            copy.addNode(rename(node, rename));
        }
        for (TensorProto tensor : graph.getInitializerList()) {
            copy.addInitializer(tensor.toBuilder().setName(rename.apply(tensor.getName())));
        }
        for (SparseTensorProto sparse : graph.getSparseInitializerList()) {
            SparseTensorProto.Builder renamed = sparse.toBuilder();
            renamed.getValuesBuilder().setName(rename.apply(sparse.getValues().getName()));
            copy.addSparseInitializer(renamed);
        }
        graph.getInputList().forEach(v -> copy.addInput(rename(v, rename)));
        graph.getOutputList().forEach(v -> copy.addOutput(rename(v, rename)));
        graph.getValueInfoList().forEach(v -> copy.addValueInfo(rename(v, rename)));
        return copy.build();
    }

    private static NodeProto rename(NodeProto node, UnaryOperator<String> rename) {
        NodeProto.Builder copy = node.toBuilder().clearInput().clearOutput().clearAttribute();
        if (!node.getName().isEmpty()) {
            copy.setName(rename.apply(node.getName()));
        }
        node.getInputList().forEach(name -> copy.addInput(rename.apply(name)));
        node.getOutputList().forEach(name -> copy.addOutput(rename.apply(name)));
        for (AttributeProto attribute : node.getAttributeList()) {
            AttributeProto.Builder renamed = attribute.toBuilder();
            if (attribute.hasG()) {
                renamed.setG(rename(attribute.getG(), rename));
            }
            renamed.clearGraphs();
            attribute.getGraphsList().forEach(g -> renamed.addGraphs(rename(g, rename)));
            copy.addAttribute(renamed);
        }
        return copy.build();
    }

    private static ValueInfoProto rename(ValueInfoProto value, UnaryOperator<String> rename) {
        return value.toBuilder().setName(rename.apply(value.getName())).build();
    }
}
