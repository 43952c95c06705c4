package dev.modeldock.testkit.fuzz;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.SparseTensorProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.util.List;

/**
 * Structure-aware mutations of tensors and declared values: dimensions, element types, and how
 * much data an initializer holds against what its shape declares.
 */
final class TensorMutations {
    private TensorMutations() {
    }

    /** Changes, adds or removes a dimension of an initializer. */
    static String initializerDims(FuzzRandom dice, GraphProto.Builder graph) {
        if (graph.getInitializerCount() == 0) {
            return "no initializer to change the dims of";
        }
        int i = dice.below(graph.getInitializerCount());
        TensorProto.Builder tensor = graph.getInitializerBuilder(i);
        long value = dice.edgeNumber();
        if (tensor.getDimsCount() > 0 && dice.chance(0.6)) {
            int dim = dice.below(tensor.getDimsCount());
            tensor.setDims(dim, value);
            return "initializer " + i + " dim " + dim + " = " + value;
        }
        if (tensor.getDimsCount() > 0 && dice.chance(0.5)) {
            tensor.clearDims();
            return "initializer " + i + " dims cleared (a scalar)";
        }
        tensor.addDims(value);
        return "initializer " + i + " dim added: " + value;
    }

    /** Sets an initializer's data type to any number, known or not. */
    static String initializerType(FuzzRandom dice, GraphProto.Builder graph) {
        if (graph.getInitializerCount() == 0) {
            return "no initializer to retype";
        }
        int i = dice.below(graph.getInitializerCount());
        int type = dice.chance(0.8) ? dice.below(26) : (int) dice.edgeNumber();
        graph.getInitializerBuilder(i).setDataType(type);
        return "initializer " + i + " data_type = " + type;
    }

    /** Makes an initializer hold more, less or other data than its shape and type declare. */
    static String initializerData(FuzzRandom dice, GraphProto.Builder graph) {
        if (graph.getInitializerCount() == 0) {
            return "no initializer to change the data of";
        }
        int i = dice.below(graph.getInitializerCount());
        TensorProto.Builder tensor = graph.getInitializerBuilder(i);
        switch (dice.below(6)) {
            case 0 -> tensor.addFloatData(Float.NaN);
            case 1 -> {
                if (tensor.getFloatDataCount() > 0) {
                    List<Float> kept = tensor.getFloatDataList().subList(1, tensor.getFloatDataCount());
                    tensor.clearFloatData().addAllFloatData(List.copyOf(kept));
                } else {
                    tensor.addInt64Data(dice.edgeNumber());
                }
            }
            case 2 -> tensor.clearFloatData().clearInt64Data().clearInt32Data().clearStringData().clearRawData()
                    .setRawData(ByteString.copyFrom(dice.bytes(dice.below(64))));
            case 3 -> tensor.addStringData(ByteString.copyFromUtf8(dice.string()));
            case 4 -> tensor.clearFloatData().clearStringData().clearInt64Data().clearRawData();
            default -> tensor.addInt32Data((int) dice.edgeNumber()).addDoubleData(Double.POSITIVE_INFINITY);
        }
        return "initializer " + i + " data changed (" + tensor.getFloatDataCount() + " floats, "
                + tensor.getRawData().size() + " raw bytes, " + tensor.getStringDataCount() + " strings)";
    }

    /** Changes a dimension or the element type of a graph input, output or value info. */
    static String declaredValue(FuzzRandom dice, GraphProto.Builder graph) {
        int inputs = graph.getInputCount();
        int outputs = graph.getOutputCount();
        if (inputs + outputs == 0) {
            return "no declared value to change";
        }
        int i = dice.below(inputs + outputs);
        ValueInfoProto.Builder value = i < inputs ? graph.getInputBuilder(i) : graph.getOutputBuilder(i - inputs);
        String which = (i < inputs ? "input " : "output ") + value.getName();
        TypeProto.Builder type = value.getTypeBuilder();
        switch (dice.below(5)) {
            case 0 -> {
                int elemType = dice.chance(0.8) ? dice.below(26) : (int) dice.edgeNumber();
                type.getTensorTypeBuilder().setElemType(elemType);
                return which + " elem_type = " + elemType;
            }
            case 1 -> {
                TensorShapeProto.Builder shape = type.getTensorTypeBuilder().getShapeBuilder();
                long dim = dice.edgeNumber();
                if (shape.getDimCount() > 0) {
                    shape.getDimBuilder(dice.below(shape.getDimCount())).setDimValue(dim);
                } else {
                    shape.addDimBuilder().setDimValue(dim);
                }
                return which + " a dim = " + dim;
            }
            case 2 -> {
                TensorShapeProto.Builder shape = type.getTensorTypeBuilder().getShapeBuilder();
                shape.addDimBuilder().setDimParam(dice.string());
                return which + " a named dim added";
            }
            case 3 -> {
                type.getTensorTypeBuilder().clearShape();
                return which + " shape cleared";
            }
            default -> {
                TypeProto element = type.build();
                value.setType(dice.chance(0.5)
                        ? TypeProto.newBuilder().setSequenceType(TypeProto.Sequence.newBuilder().setElemType(element))
                        : TypeProto.newBuilder().setMapType(TypeProto.Map.newBuilder().setKeyType(dice.below(20))
                                .setValueType(element)));
                return which + " made a sequence or map";
            }
        }
    }

    /** Adds a sparse initializer whose indices may point anywhere. */
    static String sparseInitializer(FuzzRandom dice, GraphProto.Builder graph) {
        TensorProto values = TensorProto.newBuilder().setName("fuzz_sparse").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(2).addFloatData(1).addFloatData(2).build();
        TensorProto indices = TensorProto.newBuilder().setName("fuzz_sparse_indices")
                .setDataType(TensorProto.DataType.INT64_VALUE).addDims(2).addInt64Data(dice.edgeNumber())
                .addInt64Data(dice.edgeNumber()).build();
        graph.addSparseInitializer(SparseTensorProto.newBuilder().setValues(values).setIndices(indices)
                .addDims(dice.edgeNumber()));
        return "sparse initializer added";
    }
}
