package dev.modeldock.onnx;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

/** Builds the type declarations of graph inputs and outputs. */
public final class TensorTypes {
    private TensorTypes() {
    }

    /**
     * A tensor value declaration.
     *
     * @param dims each a {@code Number} for a fixed size or a {@code String} for a named, variable one
     */
    public static ValueInfoProto tensor(String name, DataType type, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object dim : dims) {
            TensorShapeProto.Dimension.Builder dimension = TensorShapeProto.Dimension.newBuilder();
            if (dim instanceof Number size) {
                dimension.setDimValue(size.longValue());
            } else {
                dimension.setDimParam(String.valueOf(dim));
            }
            shape.addDim(dimension);
        }
        TypeProto.Tensor.Builder tensor = TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape);
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(tensor)).build();
    }
}
