package dev.modeldock.transform;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.Map;

/**
 * A node computing {@code input × weight (+ bias)} with a constant float32 matrix as weight: a
 * {@code MatMul}, or a {@code Gemm} without transposed A and with bias factor 1 (alpha is folded
 * into the weights, a transposed B is transposed back).
 *
 * @param bias the tensor added after the product, or null
 */
record Product(String input, TensorProto weight, boolean transposed, float alpha, String bias) {

    /** The product {@code node} computes, or null when it is not one this rewrite handles. */
    static Product of(NodeProto node, Map<String, TensorProto> constants) {
        if (node.getInputCount() < 2 || !node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
            return null;
        }
        TensorProto weight = constants.get(node.getInput(1));
        if (weight == null || !FloatInitializers.isFloatMatrix(weight)) {
            return null;
        }
        if (node.getOpType().equals("MatMul")) {
            return new Product(node.getInput(0), weight, false, 1f, null);
        }
        if (!node.getOpType().equals("Gemm") || integer(node, "transA", 0) != 0 || real(node, "beta", 1f) != 1f) {
            return null;
        }
        String bias = node.getInputCount() > 2 && !node.getInput(2).isEmpty() ? node.getInput(2) : null;
        return new Product(node.getInput(0), weight, integer(node, "transB", 0) != 0, real(node, "alpha", 1f), bias);
    }

    /** Rows of B as the product uses it (the inner dimension). */
    int rows() {
        return (int) weight.getDims(transposed ? 1 : 0);
    }

    /** Columns of B as the product uses it (the output features). */
    int columns() {
        return (int) weight.getDims(transposed ? 0 : 1);
    }

    /** B's values as [rows, columns], row-major, alpha applied, from {@code stored}, B's values as the model holds them. */
    float[] orientedValues(float[] stored) {
        if (!transposed && alpha == 1f) {
            return stored;
        }
        int rows = rows();
        int columns = columns();
        float[] values = new float[stored.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                values[r * columns + c] = alpha * (transposed ? stored[c * rows + r] : stored[r * columns + c]);
            }
        }
        return values;
    }

    private static long integer(NodeProto node, String name, long fallback) {
        for (AttributeProto attribute : node.getAttributeList()) {
            if (attribute.getName().equals(name)) {
                return attribute.getI();
            }
        }
        return fallback;
    }

    private static float real(NodeProto node, String name, float fallback) {
        for (AttributeProto attribute : node.getAttributeList()) {
            if (attribute.getName().equals(name)) {
                return attribute.getF();
            }
        }
        return fallback;
    }
}
