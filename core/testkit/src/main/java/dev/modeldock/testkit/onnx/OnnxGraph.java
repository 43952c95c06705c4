package dev.modeldock.testkit.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A small ONNX graph written a node at a time, for test models: inputs, nodes whose outputs get
 * fresh names (under {@code fixture/}), constants as initializers, outputs published under the name
 * asked for.
 *
 * <p>Deliberately apart from the engine's {@code ProtoGraphBuilder}: the engine's own tests use these
 * models (the engine cannot depend on this kit and the other way round at once), and a test model is
 * then not built by the code under test. It knows only what test models need; plugins build their
 * nodes through the host's builder, as the plugin test kit does.
 */
public final class OnnxGraph {
    private final GraphProto.Builder graph;
    private final Set<String> names = new HashSet<>();

    public OnnxGraph(String name) {
        this.graph = GraphProto.newBuilder().setName(name);
    }

    /**
     * A tensor value declaration, for inputs and outputs.
     *
     * @param dims each a {@code Number} for a fixed size or a {@code String} for a named, variable one
     */
    public static ValueInfoProto tensor(String name, DataType type, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object dim : dims) {
            shape.addDim(dim instanceof Number size ? TensorShapeProto.Dimension.newBuilder().setDimValue(size.longValue())
                    : TensorShapeProto.Dimension.newBuilder().setDimParam(String.valueOf(dim)));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
    }

    /** Declares an input; its name is taken as given. */
    public OnnxGraph input(ValueInfoProto input) {
        names.add(input.getName());
        graph.addInput(input);
        return this;
    }

    /** Adds a default-domain node with one output and no attributes; returns that output's name. */
    public String node(String opType, String... inputs) {
        return node(opType, List.of(inputs), Map.of());
    }

    /**
     * Adds a default-domain node with one output and returns its name.
     *
     * @param attributes whole numbers become INT attributes, lists of strings STRINGS, tensors TENSOR
     */
    public String node(String opType, List<String> inputs, Map<String, ?> attributes) {
        String output = fresh(opType);
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(opType).setName(output).addAllInput(inputs)
                .addOutput(output);
        new TreeMap<>(attributes).forEach((name, value) -> node.addAttribute(attribute(name, value)));
        graph.addNode(node);
        return output;
    }

    /** A float32 initializer of the given shape; returns its name. */
    public String constant(String nameHint, float[] values, long... dims) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(fresh(nameHint)).setDataType(DataType.FLOAT_VALUE);
        for (float value : values) {
            tensor.addFloatData(value);
        }
        return initializer(tensor, dims);
    }

    /** An int64 initializer of the given shape; returns its name. */
    public String constant(String nameHint, long[] values, long... dims) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(fresh(nameHint)).setDataType(DataType.INT64_VALUE);
        for (long value : values) {
            tensor.addInt64Data(value);
        }
        return initializer(tensor, dims);
    }

    /**
     * A float32 initializer of the given shape whose values are {@code rawData} (little-endian), as
     * exporters write weights; returns its name.
     */
    public String rawConstant(String nameHint, ByteString rawData, long... dims) {
        return initializer(TensorProto.newBuilder().setName(fresh(nameHint)).setDataType(DataType.FLOAT_VALUE)
                .setRawData(rawData), dims);
    }

    /** A constant STRING [values.length], made by a Constant node; returns its name. */
    public String strings(String... values) {
        return node("Constant", List.of(), Map.of("value_strings", List.of(values)));
    }

    /** Publishes {@code tensor} as an output named and typed as {@code declared}, through an Identity node. */
    public OnnxGraph output(String tensor, ValueInfoProto declared) {
        names.add(declared.getName());
        graph.addNode(NodeProto.newBuilder().setOpType("Identity").setName(fresh("Identity")).addInput(tensor)
                .addOutput(declared.getName()));
        graph.addOutput(declared);
        return this;
    }

    public GraphProto build() {
        return graph.build();
    }

    private String initializer(TensorProto.Builder tensor, long... dims) {
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        graph.addInitializer(tensor);
        return tensor.getName();
    }

    /** A name of its own under "fixture/", where the names a test declares for inputs and outputs cannot be. */
    private String fresh(String hint) {
        String name = "fixture/" + hint;
        for (int i = 1; !names.add(name); i++) {
            name = "fixture/" + hint + "_" + i;
        }
        return name;
    }

    private static AttributeProto attribute(String name, Object value) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name);
        if (value instanceof Integer || value instanceof Long) {
            return attribute.setType(AttributeProto.AttributeType.INT).setI(((Number) value).longValue()).build();
        }
        if (value instanceof TensorProto tensor) {
            return attribute.setType(AttributeProto.AttributeType.TENSOR).setT(tensor).build();
        }
        if (value instanceof List<?> items && items.stream().allMatch(String.class::isInstance)) {
            attribute.setType(AttributeProto.AttributeType.STRINGS);
            items.forEach(item -> attribute.addStrings(ByteString.copyFromUtf8((String) item)));
            return attribute.build();
        }
        if (value instanceof Float || value instanceof Double) {
            return attribute.setType(AttributeProto.AttributeType.FLOAT).setF(((Number) value).floatValue()).build();
        }
        if (value instanceof long[] ints) {
            attribute.setType(AttributeProto.AttributeType.INTS);
            for (long i : ints) {
                attribute.addInts(i);
            }
            return attribute.build();
        }
        throw new IllegalArgumentException("attribute " + name + ": a test model takes whole and real numbers,"
                + " long[], tensors and lists of strings, not " + value);
    }
}
