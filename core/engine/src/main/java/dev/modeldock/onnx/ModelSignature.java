package dev.modeldock.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A model's inputs (constants excluded) and outputs: everything Oracle's import looks at. */
public record ModelSignature(List<TensorSpec> inputs, List<TensorSpec> outputs) {

    public ModelSignature {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    public static ModelSignature of(ModelProto model) {
        Set<String> constants = new HashSet<>();
        model.getGraph().getInitializerList().forEach(t -> constants.add(t.getName()));
        List<TensorSpec> inputs = new ArrayList<>();
        for (ValueInfoProto input : model.getGraph().getInputList()) {
            if (!constants.contains(input.getName())) {
                inputs.add(spec(input));
            }
        }
        return new ModelSignature(inputs, model.getGraph().getOutputList().stream().map(ModelSignature::spec).toList());
    }

    public Optional<TensorSpec> input(String name) {
        return inputs.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<TensorSpec> output(String name) {
        return outputs.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private static TensorSpec spec(ValueInfoProto value) {
        TypeProto type = value.getType();
        if (!type.hasTensorType()) {
            return new TensorSpec(value.getName(), null, List.of());
        }
        List<Long> dims = new ArrayList<>();
        for (TensorShapeProto.Dimension dim : type.getTensorType().getShape().getDimList()) {
            // -1 is how some exporters write "variable"; other values, 0 included, are kept for checks to see.
            dims.add(dim.hasDimValue() && dim.getDimValue() != -1 ? dim.getDimValue() : null);
        }
        DataType elementType = DataType.forNumber(type.getTensorType().getElemType());
        return new TensorSpec(value.getName(), elementType == null ? DataType.UNDEFINED : elementType, dims);
    }
}
