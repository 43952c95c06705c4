package dev.modeldock.testkit.fuzz;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.util.List;

/**
 * Structure-aware mutations of nodes: what they run (op type, domain), their attributes, what they
 * read and write, and subgraphs of control-flow nodes.
 */
final class NodeMutations {
    static final List<String> OPS = List.of("MatMul", "Add", "Softmax", "Identity", "Reshape", "Cast", "Gather",
            "Concat", "ConstantOfShape", "Constant", "Shape", "Unsqueeze", "ReduceSum", "ArgMax", "If", "Loop", "Scan",
            "Conv", "Relu", "TfIdfVectorizer", "StringNormalizer", "ZipMap", "LinearClassifier", "TreeEnsembleRegressor",
            "BertTokenizer", "SentencepieceTokenizer", "Recurse", "Outer", "Inner", "FusedMatMul", "Attention");
    static final List<String> DOMAINS = List.of("", "ai.onnx", "ai.onnx.ml", "com.microsoft", "ai.onnx.contrib",
            "local.hostile", "ai.onnx.preview.training", "unknown.domain");

    private NodeMutations() {
    }

    static String opType(FuzzRandom dice, List<NodeProto.Builder> nodes) {
        if (nodes.isEmpty()) {
            return "no node to change the op type of";
        }
        int i = dice.below(nodes.size());
        String op = dice.chance(0.8) ? dice.pick(OPS) : dice.string();
        nodes.get(i).setOpType(op);
        return "node " + i + " op_type = " + FuzzText.brief(op);
    }

    static String domain(FuzzRandom dice, List<NodeProto.Builder> nodes) {
        if (nodes.isEmpty()) {
            return "no node to change the domain of";
        }
        int i = dice.below(nodes.size());
        String domain = dice.chance(0.8) ? dice.pick(DOMAINS) : dice.string();
        nodes.get(i).setDomain(domain);
        return "node " + i + " domain = " + FuzzText.brief(domain);
    }

    /** Adds an attribute of any type with edge values, or breaks an existing one's type. */
    static String attribute(FuzzRandom dice, List<NodeProto.Builder> nodes, GraphProto graph) {
        if (nodes.isEmpty()) {
            return "no node to add an attribute to";
        }
        int i = dice.below(nodes.size());
        NodeProto.Builder node = nodes.get(i);
        if (node.getAttributeCount() > 0 && dice.chance(0.4)) {
            AttributeProto.Builder attribute = node.getAttributeBuilder(dice.below(node.getAttributeCount()));
            AttributeProto.AttributeType type = AttributeProto.AttributeType.forNumber(dice.below(15));
            attribute.setType(type == null ? AttributeProto.AttributeType.UNDEFINED : type);
            attribute.setI(dice.edgeNumber()).setRefAttrName(dice.chance(0.3) ? dice.string() : "");
            return "node " + i + " attribute " + attribute.getName() + " retyped " + attribute.getType();
        }
        AttributeProto.Builder attribute = AttributeProto.newBuilder()
                .setName(dice.pick(List.of("axis", "to", "keepdims", "perm", "value", "body", "then_branch", "x"))
                        + (dice.chance(0.2) ? dice.string() : ""));
        switch (dice.below(6)) {
            case 0 -> attribute.setType(AttributeProto.AttributeType.INT).setI(dice.edgeNumber());
            case 1 -> attribute.setType(AttributeProto.AttributeType.FLOAT).setF(dice.pick(List.of(Float.NaN,
                    Float.NEGATIVE_INFINITY, -0f, Float.MAX_VALUE)));
            case 2 -> attribute.setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(dice.string()));
            case 3 -> attribute.setType(AttributeProto.AttributeType.INTS).addInts(dice.edgeNumber())
                    .addInts(dice.edgeNumber());
            case 4 -> attribute.setType(AttributeProto.AttributeType.TENSOR).setT(TensorProto.newBuilder()
                    .setDataType(dice.below(26)).addDims(dice.edgeNumber()).addFloatData(1));
            default -> attribute.setType(AttributeProto.AttributeType.GRAPH).setG(graph);
        }
        node.addAttribute(attribute);
        return "node " + i + " attribute " + FuzzText.brief(attribute.getName()) + " added as " + attribute.getType();
    }

    /** Points an input or output of a node at another name, an empty one, or adds one. */
    static String wiring(FuzzRandom dice, List<NodeProto.Builder> nodes, List<String> names) {
        if (nodes.isEmpty()) {
            return "no node to rewire";
        }
        int i = dice.below(nodes.size());
        NodeProto.Builder node = nodes.get(i);
        String name = dice.chance(0.6) && !names.isEmpty() ? dice.pick(names) : dice.string();
        switch (dice.below(4)) {
            case 0 -> {
                if (node.getInputCount() > 0) {
                    node.setInput(dice.below(node.getInputCount()), name);
                } else {
                    node.addInput(name);
                }
            }
            case 1 -> node.addInput(name);
            case 2 -> {
                if (node.getOutputCount() > 0) {
                    node.setOutput(dice.below(node.getOutputCount()), name);
                } else {
                    node.addOutput(name);
                }
            }
            default -> node.clearInput();
        }
        return "node " + i + " rewired with " + FuzzText.brief(name);
    }

    /** Adds an If node whose branches are the graph itself, or a Loop with an empty body. */
    static String controlFlow(FuzzRandom dice, GraphProto.Builder graph) {
        GraphProto branch = graph.build();
        NodeProto.Builder node = NodeProto.newBuilder().setName("fuzz_control").addOutput("fuzz_control_out");
        if (dice.chance(0.5)) {
            node.setOpType("If").addInput(graph.getInputCount() > 0 ? graph.getInput(0).getName() : "")
                    .addAttribute(AttributeProto.newBuilder().setName("then_branch")
                            .setType(AttributeProto.AttributeType.GRAPH).setG(branch))
                    .addAttribute(AttributeProto.newBuilder().setName("else_branch")
                            .setType(AttributeProto.AttributeType.GRAPH).setG(GraphProto.newBuilder().setName("empty")));
        } else {
            node.setOpType("Loop").addInput("").addInput("").addAttribute(AttributeProto.newBuilder().setName("body")
                    .setType(AttributeProto.AttributeType.GRAPH).setG(dice.chance(0.5) ? branch
                            : GraphProto.newBuilder().setName("empty").build()));
        }
        graph.addNode(dice.below(graph.getNodeCount() + 1), node);
        return "control-flow node " + node.getOpType() + " added";
    }
}
