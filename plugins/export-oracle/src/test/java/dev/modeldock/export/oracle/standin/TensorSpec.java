package dev.modeldock.export.oracle.standin;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model input or output as ONNX Runtime declares it: element type and shape, -1 for a dimension of
 * variable size (named or unknown). A value that is not a tensor (a map, a sequence) has type
 * UNKNOWN and no shape.
 */
record TensorSpec(String name, OnnxJavaType type, long[] shape) {

    static Map<String, TensorSpec> of(Map<String, NodeInfo> infos) {
        Map<String, TensorSpec> specs = new LinkedHashMap<>();
        infos.forEach((name, info) -> specs.put(name, info.getInfo() instanceof TensorInfo tensor
                ? new TensorSpec(name, tensor.type, tensor.getShape())
                : new TensorSpec(name, OnnxJavaType.UNKNOWN, null)));
        return specs;
    }

    boolean isTensor() {
        return shape != null;
    }

    boolean isString() {
        return type == OnnxJavaType.STRING;
    }

    boolean isFloatingPoint() {
        return type == OnnxJavaType.FLOAT || type == OnnxJavaType.DOUBLE || type == OnnxJavaType.FLOAT16;
    }

    boolean isInteger() {
        return switch (type) {
            case INT8, INT16, INT32, INT64, UINT8 -> true;
            default -> false;
        };
    }

    boolean isNumeric() {
        return isFloatingPoint() || isInteger();
    }

    /** The number of values per batch row: the product of the fixed dimensions. */
    long valueSize() {
        return Arrays.stream(shape).filter(d -> d > 0).reduce(1, (a, b) -> a * b);
    }

    /** The fixed dimensions (size above zero). */
    long[] fixedDimensions() {
        return Arrays.stream(shape).filter(d -> d > 0).toArray();
    }

    /**
     * The shape rules every used tensor must meet: no dimension of size 0 or below -1 (ORA-54425), at
     * most one variable dimension (ORA-54426), at most one dimension above 1 (ORA-54427).
     */
    void checkShape() throws SQLException {
        if (!isTensor()) {
            throw OracleErrors.tensorTypeUnsupported(name);
        }
        if (Arrays.stream(shape).anyMatch(d -> d == 0 || d < -1)) {
            throw OracleErrors.dimensionInvalid(name);
        }
        int variable = (int) Arrays.stream(shape).filter(d -> d == -1).count();
        if (variable > 1) {
            throw OracleErrors.variableDimensions(name, variable);
        }
        int aboveOne = (int) Arrays.stream(shape).filter(d -> d > 1).count();
        if (aboveOne > 1) {
            throw OracleErrors.dimensionsAboveOne(name, aboveOne);
        }
    }

    /** The shape of a one-row batch: each variable dimension set to 1. */
    long[] oneRow() {
        return Arrays.stream(shape).map(d -> d < 0 ? 1 : d).toArray();
    }

    @Override
    public String toString() {
        return name + " " + type + (shape == null ? "" : Arrays.toString(shape));
    }
}
