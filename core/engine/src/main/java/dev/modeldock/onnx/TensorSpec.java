package dev.modeldock.onnx;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One graph input or output as Oracle sees it: a name, an element type and a shape whose dimensions
 * are fixed sizes or variable (null).
 *
 * @param type null for values that are not tensors (sequences, maps), which Oracle cannot take
 * @param dims one entry per dimension, null where the size is variable
 */
public record TensorSpec(String name, DataType type, List<Long> dims) {

    public TensorSpec {
        dims = Collections.unmodifiableList(new java.util.ArrayList<>(dims));
    }

    /** Whether it is a tensor at all. */
    public boolean isTensor() {
        return type != null;
    }

    /** How many dimensions have a variable size. */
    public int variableDimensions() {
        return (int) dims.stream().filter(Objects::isNull).count();
    }

    /** The fixed sizes, in order. */
    public List<Long> fixedDimensions() {
        return dims.stream().filter(Objects::nonNull).toList();
    }

    /**
     * How many values one row holds: the product of the dimensions after the first (the batch), or
     * 1 for a one-dimensional tensor; -1 when one of them is variable.
     */
    public long rowWidth() {
        long width = 1;
        for (int i = 1; i < dims.size(); i++) {
            if (dims.get(i) == null) {
                return -1;
            }
            width *= dims.get(i);
        }
        return width;
    }

    /** e.g. {@code FLOAT[batch, 384]}. */
    public String describe() {
        return (type == null ? "non-tensor" : type.name()) + dims.stream().map(d -> d == null ? "?" : d.toString())
                .toList();
    }
}
