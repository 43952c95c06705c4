package dev.modeldock.transform;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The float16 variant not kept, for {@link Float16VariantsBenchmark} only: compute in float16, with the
 * operators named (Softmax and LayerNorm's ReduceMean, Pow, Sqrt) in float32 between Casts, and the
 * float32 outputs cast back. Good enough for encoders exported like MiniLM (opset 14, float inputs of
 * those operators only), not a general rewrite.
 */
final class Float16ComputeRewrite {
    private Float16ComputeRewrite() {
    }

    static ModelProto apply(ModelProto model, Set<String> float32Operators) {
        GraphProto graph = model.getGraph();
        GraphProto.Builder rewritten = graph.toBuilder().clearInitializer().clearNode().clearValueInfo();
        for (TensorProto weight : graph.getInitializerList()) {
            rewritten.addInitializer(weight.getDataType() == DataType.FLOAT_VALUE
                    ? Float16Tensors.toFloat16(weight, weight.getName()) : weight);
        }
        Set<String> outputs = new HashSet<>();
        graph.getOutputList().stream().filter(o -> o.getType().getTensorType().getElemType() == DataType.FLOAT_VALUE)
                .map(ValueInfoProto::getName).forEach(outputs::add);
        List<NodeProto> tail = new ArrayList<>();
        for (NodeProto node : graph.getNodeList()) {
            NodeProto.Builder copy = node.toBuilder();
            for (int i = 0; i < node.getInputCount(); i++) { // a published tensor is read in float16 inside
                if (outputs.contains(node.getInput(i))) {
                    copy.setInput(i, node.getInput(i) + "/f16");
                }
            }
            node = copy.build();
            copy = node.toBuilder().clearAttribute();
            for (AttributeProto attribute : node.getAttributeList()) {
                copy.addAttribute(float16(node, attribute));
            }
            if (float32Operators.contains(node.getOpType())) {
                copy.clearInput().clearOutput();
                for (String input : node.getInputList()) {
                    rewritten.addNode(cast(input, input + "/f32/" + node.getName(), DataType.FLOAT_VALUE));
                    copy.addInput(input + "/f32/" + node.getName());
                }
                rewritten.addNode(copy.addAllOutput(node.getOutputList().stream().map(o -> o + "/f32").toList()));
                node.getOutputList().forEach(o -> rewritten.addNode(cast(o + "/f32", o, DataType.FLOAT16_VALUE)));
                continue;
            }
            for (int i = 0; i < node.getOutputCount(); i++) {
                if (outputs.contains(node.getOutput(i))) {
                    copy.setOutput(i, node.getOutput(i) + "/f16");
                    tail.add(cast(node.getOutput(i) + "/f16", node.getOutput(i), DataType.FLOAT_VALUE));
                }
            }
            rewritten.addNode(copy);
        }
        return model.toBuilder().setGraph(rewritten.addAllNode(tail)).build();
    }

    private static AttributeProto float16(NodeProto node, AttributeProto attribute) {
        if (node.getOpType().equals("Cast") && attribute.getName().equals("to") && attribute.getI() == DataType.FLOAT_VALUE) {
            return attribute.toBuilder().setI(DataType.FLOAT16_VALUE).build();
        }
        if (node.getOpType().equals("Constant") && attribute.hasT() && attribute.getT().getDataType() == DataType.FLOAT_VALUE) {
            TensorProto value = attribute.getT();
            return attribute.toBuilder().setT(Float16Tensors.toFloat16(clamped(value), value.getName())).build();
        }
        return attribute;
    }

    /** The attention mask's "minus infinity" is float32's lowest value; float16's lowest does the same job. */
    private static TensorProto clamped(TensorProto value) {
        if (value.getRawData().size() != 4) {
            return value;
        }
        float f = value.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getFloat();
        float c = Math.max(-Float16.MAX_VALUE, Math.min(Float16.MAX_VALUE, f));
        ByteBuffer bytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(c);
        return value.toBuilder().setRawData(ByteString.copyFrom(bytes.array())).build();
    }

    private static NodeProto cast(String from, String to, int type) {
        return NodeProto.newBuilder().setOpType("Cast").setName(to + "/cast").addInput(from).addOutput(to)
                .addAttribute(AttributeProto.newBuilder().setName("to").setType(AttributeProto.AttributeType.INT).setI(type))
                .build();
    }
}
