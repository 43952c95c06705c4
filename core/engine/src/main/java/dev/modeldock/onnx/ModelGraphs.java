package dev.modeldock.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.FunctionProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.SparseTensorProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TrainingInfoProto;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Every graph, node and tensor of a model, wherever it sits (main graph, training graphs, functions
 * and all their subgraphs), each with how a message names where it is: what {@link ModelChecks}
 * walks.
 */
final class ModelGraphs {
    private ModelGraphs() {
    }

    /** How a message names a model-local function: 'domain:name[:overload]'. */
    static String key(FunctionProto function) {
        return key(function.getDomain(), function.getName(), function.getOverload());
    }

    /** The {@link #key(FunctionProto)} of the function a node with this domain, op_type and overload calls. */
    static String key(String domain, String name, String overload) {
        return "'" + domain + ":" + name + (overload.isEmpty() ? "" : ":" + overload) + "'";
    }

    /** A graph and how a message names it. */
    record Scope(String label, GraphProto graph) {
    }

    /** Every graph of the model: the main graph, training graphs and all their subgraphs, and those in functions. */
    static List<Scope> scopes(ModelProto model) {
        List<Scope> scopes = new ArrayList<>();
        if (model.hasGraph()) {
            addGraph(scopes, "graph '" + model.getGraph().getName() + "'", model.getGraph());
        }
        for (TrainingInfoProto training : model.getTrainingInfoList()) {
            if (training.hasInitialization()) {
                addGraph(scopes, "training graph '" + training.getInitialization().getName() + "'",
                        training.getInitialization());
            }
            if (training.hasAlgorithm()) {
                addGraph(scopes, "training graph '" + training.getAlgorithm().getName() + "'",
                        training.getAlgorithm());
            }
        }
        for (FunctionProto function : model.getFunctionsList()) {
            addSubgraphs(scopes, "function " + key(function), function.getNodeList());
        }
        return scopes;
    }

    static void addGraph(List<Scope> scopes, String label, GraphProto graph) {
        scopes.add(new Scope(label, graph));
        addSubgraphs(scopes, label, graph.getNodeList());
    }

    static void addSubgraphs(List<Scope> scopes, String label, List<NodeProto> nodes) {
        for (NodeProto node : nodes) {
            for (AttributeProto attribute : node.getAttributeList()) {
                // Concatenated, never formatted: the names come from the file, and may hold '%s'.
                String where = "' (attribute " + attribute.getName() + " of node '" + node.getName() + "' in " + label
                        + ")";
                if (attribute.hasG()) {
                    addGraph(scopes, "subgraph '" + attribute.getG().getName() + where, attribute.getG());
                }
                for (GraphProto graph : attribute.getGraphsList()) {
                    addGraph(scopes, "subgraph '" + graph.getName() + where, graph);
                }
            }
        }
    }

    /** Visits {@code nodes} and the nodes of all their subgraphs. */
    static void nodes(List<NodeProto> nodes, Consumer<NodeProto> visit) {
        for (NodeProto node : nodes) {
            visit.accept(node);
            for (AttributeProto attribute : node.getAttributeList()) {
                if (attribute.hasG()) {
                    nodes(attribute.getG().getNodeList(), visit);
                }
                attribute.getGraphsList().forEach(graph -> nodes(graph.getNodeList(), visit));
            }
        }
    }

    /** Every tensor of the model, with how a message names where it is. */
    static void tensors(ModelProto model, BiConsumer<String, TensorProto> visit) {
        for (Scope scope : scopes(model)) {
            scope.graph.getInitializerList().forEach(t -> visit.accept(scope.label, t));
            scope.graph.getSparseInitializerList().forEach(t -> sparse(scope.label, t, visit));
            attributeTensors(scope.label, scope.graph.getNodeList(), visit);
        }
        for (FunctionProto function : model.getFunctionsList()) {
            String label = "function " + key(function);
            attributeTensors(label, function.getNodeList(), visit);
            for (AttributeProto attribute : function.getAttributeProtoList()) {
                attributeTensors(label, attribute, visit);
            }
        }
    }

    /** Every sparse tensor of the model (sparse initializers, sparse attribute values), with where it is. */
    static void sparseTensors(ModelProto model, BiConsumer<String, SparseTensorProto> visit) {
        for (Scope scope : scopes(model)) {
            scope.graph.getSparseInitializerList().forEach(t -> visit.accept(scope.label, t));
            scope.graph.getNodeList().forEach(node -> node.getAttributeList()
                    .forEach(attribute -> sparseAttribute(scope.label, attribute, visit)));
        }
        for (FunctionProto function : model.getFunctionsList()) {
            String label = "function " + key(function);
            function.getNodeList().forEach(node -> node.getAttributeList()
                    .forEach(attribute -> sparseAttribute(label, attribute, visit)));
            function.getAttributeProtoList().forEach(attribute -> sparseAttribute(label, attribute, visit));
        }
    }

    private static void sparseAttribute(String label, AttributeProto attribute,
            BiConsumer<String, SparseTensorProto> visit) {
        if (attribute.hasSparseTensor()) {
            visit.accept(label, attribute.getSparseTensor());
        }
        attribute.getSparseTensorsList().forEach(t -> visit.accept(label, t));
    }

    /** The tensors in the attributes of these nodes only; subgraphs are scopes of their own. */
    static void attributeTensors(String label, List<NodeProto> nodes, BiConsumer<String, TensorProto> visit) {
        for (NodeProto node : nodes) {
            for (AttributeProto attribute : node.getAttributeList()) {
                attributeTensors(label, attribute, visit);
            }
        }
    }

    static void attributeTensors(String label, AttributeProto attribute, BiConsumer<String, TensorProto> visit) {
        if (attribute.hasT()) {
            visit.accept(label, attribute.getT());
        }
        attribute.getTensorsList().forEach(t -> visit.accept(label, t));
        if (attribute.hasSparseTensor()) {
            sparse(label, attribute.getSparseTensor(), visit);
        }
        attribute.getSparseTensorsList().forEach(t -> sparse(label, t, visit));
    }

    static void sparse(String label, SparseTensorProto tensor, BiConsumer<String, TensorProto> visit) {
        if (tensor.hasValues()) {
            visit.accept(label, tensor.getValues());
        }
        if (tensor.hasIndices()) {
            visit.accept(label, tensor.getIndices());
        }
    }
}
