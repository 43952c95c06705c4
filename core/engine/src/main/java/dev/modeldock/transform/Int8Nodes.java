package dev.modeldock.transform;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Set;

/**
 * The nodes that stand for a float MatMul or Gather once its weights are int8, all in the default
 * ONNX domain (opset 11 and later). A product {@code Y = A × B}:
 *
 * <pre>
 * A ─► DynamicQuantizeLinear ─► A_q (uint8), a_scale, a_zero_point
 * MatMulInteger(A_q, B_q, a_zero_point) ─► int32 ─► Cast(float) ─► Mul(a_scale × b_scales) ─► Y
 * </pre>
 *
 * B's zero point is 0 (symmetric levels), so MatMulInteger takes none, and B's per-column scales
 * broadcast over Y's last axis. ONNX Runtime fuses this chain into one kernel at session creation.
 *
 * <p>A lookup {@code Y = Gather(table, ids)} picks int8 rows and their per-row scales with the same
 * ids, then multiplies: {@code Cast(Gather(table_q, ids)) × Gather(row_scales, ids)}.
 */
final class Int8Nodes {
    private final GraphProto.Builder graph;
    private final Set<String> names;

    Int8Nodes(GraphProto.Builder graph, Set<String> names) {
        this.graph = graph;
        this.names = names;
    }

    /** Adds the quantized weights as two initializers and returns their names: levels, then scales. */
    List<String> addWeights(String weightName, Int8Weights weights) {
        String levels = fresh(weightName + "/int8");
        graph.addInitializer(TensorProto.newBuilder().setName(levels).setDataType(TensorProto.DataType.INT8_VALUE)
                .addDims(weights.rows()).addDims(weights.columns())
                .setRawData(ByteString.copyFrom(weights.values())));
        String scales = fresh(weightName + "/int8_scale");
        ByteBuffer bytes = ByteBuffer.allocate(weights.scales().length * Float.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(weights.scales());
        TensorProto.Builder scaleTensor = TensorProto.newBuilder().setName(scales)
                .setDataType(TensorProto.DataType.FLOAT_VALUE).setRawData(ByteString.copyFrom(bytes.array()));
        // Per row as [rows, 1], so that the scales a Gather picks broadcast over each row's values.
        if (weights.perRow()) {
            scaleTensor.addDims(weights.rows()).addDims(1);
        } else {
            scaleTensor.addDims(weights.columns());
        }
        graph.addInitializer(scaleTensor);
        return List.of(levels, scales);
    }

    /** Adds the chain computing {@code output = input × weights}, named after the output. */
    void addProduct(String input, List<String> weights, String output) {
        String base = output + "/int8";
        String quantized = fresh(base + "/a_q");
        String inputScale = fresh(base + "/a_scale");
        String inputZeroPoint = fresh(base + "/a_zero_point");
        graph.addNode(node("DynamicQuantizeLinear", base, List.of(input),
                List.of(quantized, inputScale, inputZeroPoint)));
        String product = fresh(base + "/product");
        graph.addNode(node("MatMulInteger", base, List.of(quantized, weights.get(0), inputZeroPoint),
                List.of(product)));
        String asFloat = castToFloat(base, product);
        String scale = fresh(base + "/scale");
        graph.addNode(node("Mul", base, List.of(inputScale, weights.get(1)), List.of(scale)));
        graph.addNode(node("Mul", base, List.of(asFloat, scale), List.of(output)));
    }

    /** Adds the chain computing {@code output = Gather(table, ids)} along axis 0 from per-row weights. */
    void addLookup(List<String> table, String ids, String output) {
        String base = output + "/int8";
        String rows = fresh(base + "/rows");
        graph.addNode(node("Gather", base, List.of(table.get(0), ids), List.of(rows)));
        String scales = fresh(base + "/row_scales");
        graph.addNode(node("Gather", base, List.of(table.get(1), ids), List.of(scales)));
        graph.addNode(node("Mul", base, List.of(castToFloat(base, rows), scales), List.of(output)));
    }

    private String castToFloat(String base, String input) {
        String asFloat = fresh(base + "/" + input.substring(base.length() + 1) + "_float");
        graph.addNode(node("Cast", base, List.of(input), List.of(asFloat)).toBuilder()
                .addAttribute(AttributeProto.newBuilder().setName("to").setType(AttributeProto.AttributeType.INT)
                        .setI(TensorProto.DataType.FLOAT_VALUE))
                .build());
        return asFloat;
    }

    private NodeProto node(String opType, String base, List<String> inputs, List<String> outputs) {
        return NodeProto.newBuilder().setOpType(opType).setName(fresh(base + "/" + opType)).addAllInput(inputs)
                .addAllOutput(outputs).build();
    }

    private String fresh(String hint) {
        return GraphNames.fresh(names, hint);
    }
}
