package dev.modeldock.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import dev.modeldock.plugin.GraphBuilder;
import dev.modeldock.plugin.ModelDockException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The graph a pipeline is assembled in: nodes and constants added by plugins, other graphs merged
 * in under a name prefix, and a final prune of everything the outputs do not need.
 */
public final class ProtoGraphBuilder implements GraphBuilder {
    /**
     * The onnxruntime-extensions operators a pipeline may hold: its tokenizers. Oracle documents loading
     * only tokenization (and its own pooling) custom operators, and OML4Py emits nothing else, so a
     * string operator such as StringRegexReplace could make a database refuse the model.
     */
    public static final Set<String> CONTRIB_TOKENIZERS = Set.of("BasicTokenizer", "BertTokenizer",
            "CLIPTokenizer", "GPT2Tokenizer", "RobertaTokenizer", "SentencepieceTokenizer", "WordpieceTokenizer");

    private final GraphProto.Builder graph;
    private final int opset;
    private final Set<String> names = new HashSet<>();
    private final Set<String> customDomains = new TreeSet<>();

    public ProtoGraphBuilder(String name, int opset) {
        this.graph = GraphProto.newBuilder().setName(name);
        this.opset = opset;
    }

    @Override
    public int opset() {
        return opset;
    }

    /** Declares a graph input; its name is taken as given and must be new. */
    public void addInput(ValueInfoProto input) {
        claim(input.getName());
        graph.addInput(input);
    }

    /**
     * Makes {@code tensor} a graph output under the declared name and type, through an Identity node so
     * that the output's name is the one given whatever produced the tensor.
     */
    public void publish(String tensor, ValueInfoProto output) {
        claim(output.getName());
        graph.addNode(NodeProto.newBuilder().setOpType("Identity").setName(fresh("Identity"))
                .addInput(tensor).addOutput(output.getName()));
        graph.addOutput(output);
    }

    @Override
    public List<String> node(String domain, String opType, List<String> inputs, int outputCount,
            Map<String, ?> attributes) {
        if (!domain.isEmpty() && !domain.equals(CONTRIB_DOMAIN)) {
            throw new ModelDockException("operator " + opType + " is in domain '" + domain + "'; a pipeline may only"
                    + " use the default ONNX domain and " + CONTRIB_DOMAIN);
        }
        if (domain.equals(CONTRIB_DOMAIN) && !CONTRIB_TOKENIZERS.contains(opType)) {
            throw new ModelDockException("operator " + opType + " of " + CONTRIB_DOMAIN + " is not a tokenizer; a"
                    + " pipeline may only use " + new TreeSet<>(CONTRIB_TOKENIZERS) + " from that domain, the custom"
                    + " operators Oracle Database loads: build the step from standard ONNX operators instead");
        }
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(opType).setDomain(domain)
                .setName(fresh(opType)).addAllInput(inputs);
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < outputCount; i++) {
            outputs.add(fresh(opType + "_out"));
        }
        node.addAllOutput(outputs);
        // By name, as ONNX's own tools write them: a map's iteration order (Map.of's changes with every
        // JVM) must not reach the file, or the same pipeline would come out as different bytes.
        new TreeMap<>(attributes).forEach((key, value) -> node.addAttribute(Attributes.of(key, value)));
        if (!domain.isEmpty()) {
            customDomains.add(domain);
        }
        graph.addNode(node);
        return outputs;
    }

    @Override
    public String constant(String nameHint, float[] values, long... shape) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return addInitializer(nameHint, TensorProto.DataType.FLOAT, bytes, shape);
    }

    @Override
    public String constant(String nameHint, long[] values, long... shape) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return addInitializer(nameHint, TensorProto.DataType.INT64, bytes, shape);
    }

    /**
     * Copies every node, initializer and value declaration of {@code other} into this graph, each name
     * prefixed with {@code prefix}, except the inputs named in {@code bindings}, which are wired to
     * existing tensors instead.
     *
     * @return the renaming applied, to find {@code other}'s outputs in this graph
     * @throws ModelDockException when {@code other} needs an input that is neither bound nor a constant
     */
    public UnaryOperator<String> merge(GraphProto other, String prefix, Map<String, String> bindings) {
        Set<String> initializers = new HashSet<>();
        other.getInitializerList().forEach(t -> initializers.add(t.getName()));
        for (ValueInfoProto input : other.getInputList()) {
            if (!bindings.containsKey(input.getName()) && !initializers.contains(input.getName())) {
                throw new ModelDockException("the encoder needs input '" + input.getName()
                        + "', which the tokenizer does not provide (it provides " + bindings.keySet() + ")");
            }
        }
        UnaryOperator<String> rename = name -> name.isEmpty() ? name : bindings.getOrDefault(name, prefix + name);
        GraphProto renamed = GraphRenamer.rename(other, rename);
        renamed.getNodeList().forEach(node -> {
            // "" marks an omitted optional output: not a name, and free to appear many times.
            node.getOutputList().stream().filter(name -> !name.isEmpty()).forEach(this::claim);
            graph.addNode(node);
        });
        renamed.getInitializerList().forEach(t -> {
            claim(t.getName());
            graph.addInitializer(t);
        });
        graph.addAllSparseInitializer(renamed.getSparseInitializerList());
        graph.addAllValueInfo(renamed.getValueInfoList());
        return rename;
    }

    /** Removes the nodes, constants and declarations that no graph output depends on. */
    public void prune() {
        GraphPruner.prune(graph);
    }

    /** The custom operator domains used so far. */
    public Set<String> customDomains() {
        return Set.copyOf(customDomains);
    }

    /** The graph as built so far. */
    public GraphProto build() {
        return graph.build();
    }

    private String addInitializer(String nameHint, TensorProto.DataType type, ByteBuffer bytes, long... shape) {
        String name = fresh(nameHint);
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(bytes.array()));
        for (long dim : shape) {
            tensor.addDims(dim);
        }
        graph.addInitializer(tensor);
        return name;
    }

    private String fresh(String hint) {
        String base = "modeldock/" + hint;
        String name = base;
        for (int i = 1; names.contains(name); i++) {
            name = base + "_" + i;
        }
        names.add(name);
        return name;
    }

    private void claim(String name) {
        if (!names.add(name)) {
            throw new ModelDockException("tensor name '" + name + "' is defined twice in the pipeline graph");
        }
    }

    /** Java values to ONNX attributes; see {@link GraphBuilder} for the mapping. */
    private static final class Attributes {
        static AttributeProto of(String name, Object value) {
            AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name);
            if (value instanceof Integer || value instanceof Long) {
                attribute.setType(AttributeProto.AttributeType.INT).setI(((Number) value).longValue());
            } else if (value instanceof Boolean flag) {
                attribute.setType(AttributeProto.AttributeType.INT).setI(flag ? 1 : 0);
            } else if (value instanceof Float || value instanceof Double) {
                attribute.setType(AttributeProto.AttributeType.FLOAT).setF(((Number) value).floatValue());
            } else if (value instanceof String text) {
                attribute.setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(text));
            } else if (value instanceof long[] numbers) {
                attribute.setType(AttributeProto.AttributeType.INTS);
                for (long number : numbers) {
                    attribute.addInts(number);
                }
            } else if (value instanceof float[] numbers) {
                attribute.setType(AttributeProto.AttributeType.FLOATS);
                for (float number : numbers) {
                    attribute.addFloats(number);
                }
            } else if (value instanceof List<?> items && items.stream().allMatch(String.class::isInstance)) {
                attribute.setType(AttributeProto.AttributeType.STRINGS);
                items.forEach(item -> attribute.addStrings(ByteString.copyFromUtf8((String) item)));
            } else {
                throw new IllegalArgumentException("attribute " + name + " has unsupported value type "
                        + (value == null ? "null" : value.getClass().getName()));
            }
            return attribute.build();
        }
    }
}
