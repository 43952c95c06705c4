package dev.modeldock.transform;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Stores a model's large float32 weights as float16, each followed by a {@code Cast} back to float32
 * under the weight's own name, so every node still computes in float32 and reads what it read before.
 *
 * <p>Measured on ONNX Runtime's CPU provider (see DESIGN.md, "float16 weights"): the file is about half
 * the size and runs as fast as float32, since the runtime folds each Cast of a constant once at load.
 * Computing in float16 instead was slower on CPU, which has few float16 kernels and wraps the others
 * in Casts of its own.
 */
public final class Float16Weights {
    /** Weights with fewer elements stay float32: they save little and would each cost a node. */
    public static final long MIN_ELEMENTS = 1024;

    private Float16Weights() {
    }

    /**
     * The model with every float32 initializer of its main graph that {@code selected} accepts by name
     * and that has at least {@link #MIN_ELEMENTS} elements stored as float16; inputs, outputs and
     * every other tensor keep their types.
     *
     * @throws dev.modeldock.plugin.ModelDockException naming the initializer, when a selected weight
     *         holds a value float16 cannot (NaN, infinity, beyond ±65504)
     */
    public static ModelProto apply(ModelProto model, Predicate<String> selected) {
        return apply(model, selected, WeightValues.INLINE);
    }

    /** The same, each weight's float32 values read from {@code values} when it is rewritten. */
    public static ModelProto apply(ModelProto model, Predicate<String> selected, WeightValues values) {
        return model.toBuilder().setGraph(apply(model.getGraph(), selected, values)).build();
    }

    /** {@link #apply(ModelProto, Predicate, WeightValues)} on a graph. */
    public static GraphProto apply(GraphProto graph, Predicate<String> selected, WeightValues values) {
        Set<String> names = namesIn(graph);
        Set<String> graphInputs = new HashSet<>();
        graph.getInputList().forEach(input -> graphInputs.add(input.getName()));
        GraphProto.Builder rewritten = graph.toBuilder().clearInitializer().clearNode();
        List<NodeProto> casts = new ArrayList<>();
        for (TensorProto weight : graph.getInitializerList()) {
            // An initializer that is also a graph input is a default the caller may replace, with a
            // float32 tensor: its type is part of the interface and stays.
            if (weight.getDataType() != DataType.FLOAT_VALUE || !selected.test(weight.getName())
                    || graphInputs.contains(weight.getName()) || Float16Tensors.elements(weight) < MIN_ELEMENTS) {
                rewritten.addInitializer(weight);
                continue;
            }
            String stored = GraphNames.fresh(names, weight.getName() + "/float16");
            rewritten.addInitializer(Float16Tensors.toFloat16(weight, stored, values));
            casts.add(NodeProto.newBuilder().setOpType("Cast")
                    .setName(GraphNames.fresh(names, weight.getName() + "/to_float32")).addInput(stored).addOutput(weight.getName())
                    .addAttribute(AttributeProto.newBuilder().setName("to").setType(AttributeProto.AttributeType.INT)
                            .setI(DataType.FLOAT_VALUE))
                    .build());
        }
        // The Casts come first so that the nodes stay in topological order.
        return rewritten.addAllNode(casts).addAllNode(graph.getNodeList()).build();
    }

    private static Set<String> namesIn(GraphProto graph) {
        Set<String> names = new HashSet<>();
        graph.getInputList().forEach(v -> names.add(v.getName()));
        graph.getInitializerList().forEach(t -> names.add(t.getName()));
        graph.getNodeList().forEach(node -> {
            names.add(node.getName());
            names.addAll(node.getOutputList());
        });
        return names;
    }
}
