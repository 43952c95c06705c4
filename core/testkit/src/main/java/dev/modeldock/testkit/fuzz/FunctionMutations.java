package dev.modeldock.testkit.fuzz;

import ai.onnx.proto.OnnxMl.FunctionProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;

/**
 * Structure-aware mutations of model-local functions: new ones (some calling themselves or each
 * other, the case that crashed ONNX Runtime), removed or renamed ones, and calls retargeted, so that
 * the graph calls a function that may not exist or one that recurses.
 */
final class FunctionMutations {
    private static final String DOMAIN = "local.fuzz";

    private FunctionMutations() {
    }

    static String mutate(FuzzRandom dice, ModelProto.Builder model) {
        return switch (dice.below(5)) {
            case 0 -> addFunction(dice, model);
            case 1 -> callFunction(dice, model);
            case 2 -> {
                model.clearFunctions();
                yield "functions removed";
            }
            case 3 -> renameFunction(dice, model);
            default -> functionOpsets(dice, model);
        };
    }

    /** Adds function {@code fN}(x) → y whose one node calls an op, itself, or another function. */
    private static String addFunction(FuzzRandom dice, ModelProto.Builder model) {
        String name = "f" + model.getFunctionsCount();
        String callee = switch (dice.below(4)) {
            case 0 -> name;
            case 1 -> "f" + dice.below(model.getFunctionsCount() + 2);
            case 2 -> "Identity";
            default -> dice.pick(NodeMutations.OPS);
        };
        boolean local = !callee.equals("Identity") && callee.startsWith("f");
        FunctionProto.Builder function = FunctionProto.newBuilder().setDomain(DOMAIN).setName(name).addInput("x")
                .addOutput("y").addOpsetImport(opset("", 17)).addOpsetImport(opset(DOMAIN, 1))
                .addNode(NodeProto.newBuilder().setName(name + "_calls_" + callee).setOpType(callee)
                        .setDomain(local ? DOMAIN : "").addInput("x").addOutput("y"));
        if (dice.chance(0.3)) {
            function.addAttribute(dice.string());
        }
        model.addFunctions(function);
        if (model.getOpsetImportList().stream().noneMatch(o -> o.getDomain().equals(DOMAIN))) {
            model.addOpsetImport(opset(DOMAIN, 1));
        }
        return "function " + DOMAIN + ":" + name + " added, calling " + callee;
    }

    /** Makes a node of the graph call a model-local function, existing or not. */
    private static String callFunction(FuzzRandom dice, ModelProto.Builder model) {
        if (model.getGraphBuilder().getNodeCount() == 0) {
            return "no node to make a function call";
        }
        int i = dice.below(model.getGraphBuilder().getNodeCount());
        String callee = model.getFunctionsCount() > 0 && dice.chance(0.7)
                ? model.getFunctions(dice.below(model.getFunctionsCount())).getName() : "f" + dice.below(3);
        String domain = model.getFunctionsCount() > 0 && dice.chance(0.7)
                ? model.getFunctions(dice.below(model.getFunctionsCount())).getDomain() : DOMAIN;
        model.getGraphBuilder().getNodeBuilder(i).setOpType(callee).setDomain(domain);
        return "node " + i + " calls " + domain + ":" + callee;
    }

    private static String renameFunction(FuzzRandom dice, ModelProto.Builder model) {
        if (model.getFunctionsCount() == 0) {
            return addFunction(dice, model);
        }
        int i = dice.below(model.getFunctionsCount());
        FunctionProto.Builder function = model.getFunctionsBuilder(i);
        if (dice.chance(0.5)) {
            function.setName(dice.chance(0.5) ? model.getFunctions(0).getName() : dice.string());
        } else {
            function.setDomain(dice.chance(0.5) ? "" : dice.string());
        }
        return "function " + i + " renamed to " + FuzzText.brief(function.getDomain() + ":" + function.getName());
    }

    private static String functionOpsets(FuzzRandom dice, ModelProto.Builder model) {
        if (model.getFunctionsCount() == 0) {
            return addFunction(dice, model);
        }
        int i = dice.below(model.getFunctionsCount());
        FunctionProto.Builder function = model.getFunctionsBuilder(i);
        if (dice.chance(0.5)) {
            function.clearOpsetImport();
        } else {
            function.addOpsetImport(opset(dice.pick(NodeMutations.DOMAINS), dice.edgeNumber()));
        }
        return "function " + i + " opset imports changed";
    }

    private static OperatorSetIdProto opset(String domain, long version) {
        return OperatorSetIdProto.newBuilder().setDomain(domain).setVersion(version).build();
    }
}
