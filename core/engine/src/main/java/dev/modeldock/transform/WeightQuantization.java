package dev.modeldock.transform;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.modeldock.plugin.ModelDockException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dynamic int8 quantization of a model's weights: every {@code MatMul} (and plain {@code Gemm})
 * whose B is a float32 initializer of rank 2 with at least {@code minElements} values computes
 * with int8 weights instead ({@link Int8MatMulNodes}), activations quantized to uint8 per run.
 * Everything else, the tokenizer and post-processors included, stays as it was.
 *
 * <p>The default threshold, {@value #DEFAULT_MIN_ELEMENTS} values (a 128 × 128 matrix), skips
 * matrices where the four extra nodes and the pass quantizing A cost more than the integer product
 * saves, and which save under 48 KB of file: an encoder's projections are hundreds of thousands of
 * values, a post-processor's dense layer or a classifier head often a few hundred.
 */
public final class WeightQuantization {
    public static final long DEFAULT_MIN_ELEMENTS = 16_384;
    /** DynamicQuantizeLinear appeared in opset 11. */
    private static final int MIN_OPSET = 11;

    private final long minElements;
    private final int maxLevel;

    private WeightQuantization(long minElements, int maxLevel) {
        this.minElements = minElements;
        this.maxLevel = maxLevel;
    }

    /** Full-range int8 weights (±127) for matrices of {@value #DEFAULT_MIN_ELEMENTS} values and more. */
    public static WeightQuantization int8() {
        return new WeightQuantization(DEFAULT_MIN_ELEMENTS, Int8Weights.FULL_LEVEL);
    }

    /**
     * @param saturationSafe levels within ±64 rather than ±127, so that CPUs without VNNI cannot
     *                       saturate (see {@link Int8Weights}), at half the resolution
     */
    public static WeightQuantization int8(long minElements, boolean saturationSafe) {
        return new WeightQuantization(minElements,
                saturationSafe ? Int8Weights.SATURATION_SAFE_LEVEL : Int8Weights.FULL_LEVEL);
    }

    /**
     * The model with its eligible products rewritten; a model with none comes back equal.
     *
     * @throws ModelDockException when an eligible weight holds NaN or infinity (the message names
     *                            the initializer), or the model's opset is below 11
     */
    public ModelProto apply(ModelProto model) {
        int opset = model.getOpsetImportList().stream().filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
                .mapToInt(o -> (int) o.getVersion()).findFirst().orElse(0);
        if (opset < MIN_OPSET) {
            throw new ModelDockException("int8 quantization needs the model at opset " + MIN_OPSET + " or later"
                    + " (DynamicQuantizeLinear); this one is at opset " + opset);
        }
        GraphProto source = model.getGraph();
        Map<String, TensorProto> initializers = new HashMap<>();
        source.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
        // An initializer that is also a graph input is a default the caller may override: not a constant.
        source.getInputList().forEach(input -> initializers.remove(input.getName()));
        Set<String> names = GraphNames.all(source);

        GraphProto.Builder graph = source.toBuilder().clearNode();
        Int8MatMulNodes nodes = new Int8MatMulNodes(graph, names);
        Map<String, List<String>> quantized = new HashMap<>();
        for (NodeProto node : source.getNodeList()) {
            Product product = Product.of(node, initializers);
            if (product == null || FloatInitializers.elements(product.weight()) < minElements) {
                graph.addNode(node);
                continue;
            }
            List<String> weights = quantized.computeIfAbsent(product.weight().getName(), key -> {
                TensorProto weight = product.weight();
                float[] values = product.orientedValues();
                return nodes.addWeights(weight.getName(), Int8Weights.quantize(values, product.rows(), product.columns(),
                        maxLevel));
            });
            if (product.bias() == null) {
                nodes.addProduct(product.input(), weights, node.getOutput(0));
            } else {
                String unbiased = freshName(names, node.getOutput(0) + "/int8/unbiased");
                nodes.addProduct(product.input(), weights, unbiased);
                graph.addNode(NodeProto.newBuilder().setOpType("Add").setName(freshName(names, node.getOutput(0) + "/int8/Add"))
                        .addInput(unbiased).addInput(product.bias()).addOutput(node.getOutput(0)));
            }
        }
        removeUnused(graph, quantized.keySet());
        return model.toBuilder().setGraph(graph).build();
    }

    /** Drops the replaced float weights that nothing reads any more (a weight shared with a Gather stays). */
    private static void removeUnused(GraphProto.Builder graph, Set<String> replaced) {
        Set<String> read = GraphNames.read(graph.build());
        for (int i = graph.getInitializerCount() - 1; i >= 0; i--) {
            String name = graph.getInitializer(i).getName();
            if (replaced.contains(name) && !read.contains(name)) {
                graph.removeInitializer(i);
            }
        }
    }

    private static String freshName(Set<String> names, String hint) {
        String name = hint;
        for (int i = 1; !names.add(name); i++) {
            name = hint + "_" + i;
        }
        return name;
    }
}
