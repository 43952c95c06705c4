package dev.modeldock.testkit.fuzz;

import ai.onnx.proto.OnnxMl.FunctionProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TrainingInfoProto;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;

/**
 * Structure-aware mutations of an ONNX model, on its protobuf messages: each picks a part of the
 * model (a tensor, a node, a name, an opset, a function) and changes it the way a careless or
 * hostile producer might, so that the file still parses and reaches the checks behind the parser.
 */
final class ModelMutations {
    private ModelMutations() {
    }

    /** One mutation of {@code model}, chosen by the dice, and its description. */
    static String mutate(FuzzRandom dice, ModelProto.Builder model) {
        GraphProto.Builder graph = model.getGraphBuilder();
        return switch (dice.below(15)) {
            case 0 -> TensorMutations.initializerDims(dice, graph);
            case 1 -> TensorMutations.initializerType(dice, graph);
            case 2 -> TensorMutations.initializerData(dice, graph);
            case 3 -> TensorMutations.declaredValue(dice, graph);
            case 4 -> dice.chance(0.5) ? TensorMutations.sparseInitializer(dice, graph)
                    : NodeMutations.controlFlow(dice, graph);
            case 5 -> NodeMutations.opType(dice, nodes(model));
            case 6 -> NodeMutations.domain(dice, nodes(model));
            case 7 -> NodeMutations.attribute(dice, nodes(model), graph.build());
            case 8 -> NodeMutations.wiring(dice, nodes(model), names(graph));
            case 9 -> opset(dice, model);
            case 10 -> rename(dice, graph);
            case 11 -> duplicate(dice, model);
            case 12 -> FunctionMutations.mutate(dice, model);
            case 13 -> removeOrReorder(dice, graph);
            default -> texts(dice, model);
        };
    }

    /** The nodes of the graph and of every model-local function. */
    private static List<NodeProto.Builder> nodes(ModelProto.Builder model) {
        List<NodeProto.Builder> nodes = new ArrayList<>(model.getGraphBuilder().getNodeBuilderList());
        for (FunctionProto.Builder function : model.getFunctionsBuilderList()) {
            nodes.addAll(function.getNodeBuilderList());
        }
        return nodes;
    }

    private static List<String> names(GraphProto.Builder graph) {
        List<String> names = new ArrayList<>();
        graph.getInputList().forEach(v -> names.add(v.getName()));
        graph.getOutputList().forEach(v -> names.add(v.getName()));
        graph.getInitializerList().forEach(t -> names.add(t.getName()));
        graph.getNodeList().forEach(n -> names.addAll(n.getOutputList()));
        return names;
    }

    private static String opset(FuzzRandom dice, ModelProto.Builder model) {
        long version = dice.chance(0.6) ? dice.pick(List.of(0L, 1L, 7L, 12L, 13L, 18L, 21L, 22L, 23L, 100L))
                : dice.edgeNumber();
        switch (dice.below(4)) {
            case 0 -> model.setIrVersion(version);
            case 1 -> model.clearOpsetImport();
            case 2 -> model.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(dice.chance(0.5) ? ""
                    : dice.pick(NodeMutations.DOMAINS)).setVersion(version));
            default -> {
                if (model.getOpsetImportCount() > 0) {
                    model.getOpsetImportBuilder(dice.below(model.getOpsetImportCount())).setVersion(version);
                }
            }
        }
        return "opset/IR mutated with version " + version + " (IR " + model.getIrVersion() + ", "
                + model.getOpsetImportCount() + " opset imports)";
    }

    /** Renames a graph input, output, initializer or node output: to another name in use, or anything. */
    private static String rename(FuzzRandom dice, GraphProto.Builder graph) {
        List<String> names = names(graph);
        String name = dice.chance(0.5) && !names.isEmpty() ? dice.pick(names)
                : dice.chance(0.2) ? null : dice.string();
        ByteString invalidUtf8 = ByteString.copyFrom(new byte[] {(byte) 0xc3, (byte) 0x28, (byte) 0xff});
        int what = dice.below(4);
        if (what == 0 && graph.getInputCount() > 0) {
            set(graph.getInputBuilder(dice.below(graph.getInputCount())), name, invalidUtf8);
        } else if (what == 1 && graph.getOutputCount() > 0) {
            set(graph.getOutputBuilder(dice.below(graph.getOutputCount())), name, invalidUtf8);
        } else if (what == 2 && graph.getInitializerCount() > 0) {
            int i = dice.below(graph.getInitializerCount());
            if (name == null) {
                graph.getInitializerBuilder(i).setNameBytes(invalidUtf8);
            } else {
                graph.getInitializerBuilder(i).setName(name);
            }
        } else if (graph.getNodeCount() > 0) {
            NodeProto.Builder node = graph.getNodeBuilder(dice.below(graph.getNodeCount()));
            node.setName(name == null ? "" : name);
        }
        return "renamed a value (" + what + ") to " + (name == null ? "invalid UTF-8" : FuzzText.brief(name));
    }

    private static void set(ai.onnx.proto.OnnxMl.ValueInfoProto.Builder value, String name, ByteString invalid) {
        if (name == null) {
            value.setNameBytes(invalid);
        } else {
            value.setName(name);
        }
    }

    private static String duplicate(FuzzRandom dice, ModelProto.Builder model) {
        GraphProto.Builder graph = model.getGraphBuilder();
        int what = dice.below(6);
        switch (what) {
            case 0 -> copyLast(graph.getNodeList(), graph::addNode);
            case 1 -> copyLast(graph.getInputList(), graph::addInput);
            case 2 -> copyLast(graph.getOutputList(), graph::addOutput);
            case 3 -> copyLast(graph.getInitializerList(), graph::addInitializer);
            case 4 -> copyLast(model.getFunctionsList(), model::addFunctions);
            default -> copyLast(graph.getOutputList(), graph::addValueInfo);
        }
        return "duplicated a graph element (" + what + ")";
    }

    private static <T> void copyLast(List<T> values, java.util.function.Consumer<T> add) {
        if (!values.isEmpty()) {
            add.accept(values.get(values.size() - 1));
        }
    }

    private static String removeOrReorder(FuzzRandom dice, GraphProto.Builder graph) {
        int what = dice.below(5);
        if (what == 0 && graph.getNodeCount() > 0) {
            graph.removeNode(dice.below(graph.getNodeCount()));
        } else if (what == 1 && graph.getNodeCount() > 1) {
            NodeProto last = graph.getNode(graph.getNodeCount() - 1);
            graph.removeNode(graph.getNodeCount() - 1).addNode(0, last);
        } else if (what == 2) {
            graph.clearOutput();
        } else if (what == 3) {
            graph.clearInput();
        } else if (graph.getInitializerCount() > 0) {
            graph.removeInitializer(dice.below(graph.getInitializerCount()));
        }
        return "removed or reordered graph elements (" + what + ")";
    }

    private static String texts(FuzzRandom dice, ModelProto.Builder model) {
        String text = dice.string();
        switch (dice.below(5)) {
            case 0 -> model.setDocString(text).setProducerName(text).setDomain(text);
            case 1 -> model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(text).setValue(text))
                    .addMetadataProps(StringStringEntryProto.newBuilder().setKey(text).setValue("again"));
            case 2 -> model.getGraphBuilder().setName(text).setDocString(text);
            case 3 -> model.setModelVersion(dice.edgeNumber());
            default -> model.addTrainingInfo(TrainingInfoProto.newBuilder().setInitialization(model.getGraph())
                    .setAlgorithm(model.getGraph()));
        }
        return "texts or training info set to " + FuzzText.brief(text);
    }
}
