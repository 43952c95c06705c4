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
import java.util.function.Predicate;

/**
 * Dynamic int8 quantization of a model's weights: every {@code MatMul} (and plain {@code Gemm})
 * whose B is a float32 initializer of rank 2 with at least {@code minElements} values computes
 * with int8 weights instead ({@link Int8Nodes}), activations quantized to uint8 per run; and, when
 * asked, every {@code Gather} along axis 0 from such a table (an encoder's word embeddings, half of
 * MiniLM's file) reads int8 rows with a scale per row. Everything else, the tokenizer and
 * post-processors included, stays as it was.
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
    private final boolean embeddingTables;

    private WeightQuantization(long minElements, int maxLevel, boolean embeddingTables) {
        this.minElements = minElements;
        this.maxLevel = maxLevel;
        this.embeddingTables = embeddingTables;
    }

    /**
     * What an export uses: products and embedding tables of {@value #DEFAULT_MIN_ELEMENTS} values and
     * more, product weights within ±64. The database's CPU is unknown, and on one without VNNI the
     * full ±127 range can saturate ONNX Runtime's uint8 × int8 kernel, a loss the validation here
     * (on a VNNI machine) would never see; on MiniLM the narrower range costs 0.0005 of mean cosine.
     */
    public static WeightQuantization int8() {
        return new WeightQuantization(DEFAULT_MIN_ELEMENTS, Int8Weights.SATURATION_SAFE_LEVEL, true);
    }

    /**
     * @param saturationSafe  product weights within ±64 rather than ±127, so that CPUs without VNNI
     *                        cannot saturate (see {@link Int8Weights}), at half the resolution
     * @param embeddingTables whether Gather tables are quantized too (always at ±127: no integer
     *                        product reads them)
     */
    public static WeightQuantization int8(long minElements, boolean saturationSafe, boolean embeddingTables) {
        return new WeightQuantization(minElements,
                saturationSafe ? Int8Weights.SATURATION_SAFE_LEVEL : Int8Weights.FULL_LEVEL, embeddingTables);
    }

    /** {@link #apply(ModelProto, Predicate)} on every weight of the model. */
    public ModelProto apply(ModelProto model) {
        return apply(model, name -> true);
    }

    /**
     * The model with its eligible products and lookups rewritten; a model with none comes back equal.
     *
     * @param selected which weights, by initializer name, may be quantized: a pipeline's encoder's, so
     *                 that the post-processors' dense layers stay float32
     * @throws ModelDockException when an eligible weight holds NaN or infinity (the message names
     *                            the initializer), or the model's opset is below 11
     */
    public ModelProto apply(ModelProto model, Predicate<String> selected) {
        return apply(model, selected, WeightValues.INLINE);
    }

    /**
     * The same, each weight's float32 values read from {@code values} when it is quantized and let go
     * of right after: for a model whose weights are in external data, only one is in memory as float32
     * at a time.
     */
    public ModelProto apply(ModelProto model, Predicate<String> selected, WeightValues values) {
        int opset = model.getOpsetImportList().stream()
                .filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
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
        initializers.keySet().removeIf(selected.negate());
        Set<String> names = GraphNames.all(source);

        GraphProto.Builder graph = source.toBuilder().clearNode();
        Int8Nodes nodes = new Int8Nodes(graph, names);
        // By weight and how it is read: a Gemm with alpha or transB and a MatMul may share one B.
        Map<String, List<String>> quantized = new HashMap<>();
        Set<String> replaced = new HashSet<>();
        for (NodeProto node : source.getNodeList()) {
            TensorProto table = embeddingTables ? lookupTable(node, initializers) : null;
            Product product = table == null ? Product.of(node, initializers) : null;
            if (table != null) {
                List<String> rows = quantized.computeIfAbsent("table:" + table.getName(), key -> nodes.addWeights(
                        table.getName(), Int8Weights.quantize(finite(values, table), (int) table.getDims(0),
                                (int) table.getDims(1), Int8Weights.FULL_LEVEL, true)));
                nodes.addLookup(rows, node.getInput(1), node.getOutput(0));
                replaced.add(table.getName());
            } else if (product != null && FloatInitializers.elements(product.weight()) >= minElements) {
                List<String> weights = quantized.computeIfAbsent(product.weight().getName() + ":" + product.transposed()
                        + ":" + product.alpha(), key -> nodes.addWeights(product.weight().getName(),
                                Int8Weights.quantize(product.orientedValues(finite(values, product.weight())),
                                        product.rows(), product.columns(), maxLevel)));
                addProduct(nodes, product, weights, node.getOutput(0), graph, names);
                replaced.add(product.weight().getName());
            } else {
                graph.addNode(node);
            }
        }
        removeUnused(graph, replaced);
        return model.toBuilder().setGraph(graph).build();
    }

    private static float[] finite(WeightValues values, TensorProto weight) {
        return FloatInitializers.finite(weight, values.of(weight));
    }

    private static void addProduct(Int8Nodes nodes, Product product, List<String> weights, String output,
            GraphProto.Builder graph, Set<String> names) {
        if (product.bias() == null) {
            nodes.addProduct(product.input(), weights, output);
            return;
        }
        String unbiased = GraphNames.fresh(names, output + "/int8/unbiased");
        nodes.addProduct(product.input(), weights, unbiased);
        graph.addNode(NodeProto.newBuilder().setOpType("Add")
                .setName(GraphNames.fresh(names, output + "/int8/Add")).addInput(unbiased).addInput(product.bias()).addOutput(output));
    }

    /** The float table {@code node} gathers rows of, if it is a large enough constant; otherwise null. */
    private TensorProto lookupTable(NodeProto node, Map<String, TensorProto> constants) {
        if (!node.getOpType().equals("Gather") || !node.getDomain().isEmpty() || node.getInputCount() != 2
                || node.getAttributeList().stream().anyMatch(a -> a.getName().equals("axis") && a.getI() != 0)) {
            return null;
        }
        TensorProto table = constants.get(node.getInput(0));
        return table != null && FloatInitializers.isFloatMatrix(table)
                && FloatInitializers.elements(table) >= minElements ? table : null;
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
}
