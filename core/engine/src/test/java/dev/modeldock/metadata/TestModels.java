package dev.modeldock.metadata;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.onnx.TensorTypes;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import dev.modeldock.testkit.onnx.SmallModels;
import java.nio.file.Path;
import java.util.List;

/**
 * Signatures for the checker's tests: of the test kit's real models ({@link SmallModels}) as the
 * checker gets them, and of declared-only models, for shapes no real graph needs. Variable
 * dimensions are named "batch".
 */
final class TestModels {
    private TestModels() {
    }

    /**
     * A model that only declares its inputs and outputs (an Identity node keeps it non-empty), for
     * shapes and types no small real graph needs to produce.
     */
    static ModelSignature declared(List<ValueInfoProto> inputs, List<ValueInfoProto> outputs) {
        GraphProto.Builder graph = GraphProto.newBuilder().setName("declared").addAllInput(inputs).addAllOutput(outputs)
                .addNode(NodeProto.newBuilder().setOpType("Identity").addInput(inputs.get(0).getName())
                        .addOutput(outputs.get(0).getName()));
        return ModelSignature.of(OnnxFixtures.model(graph.build()));
    }

    /** One float input "input" [batch, 4] and the given outputs. */
    static ModelSignature declaredOutputs(ValueInfoProto... outputs) {
        return declared(List.of(TensorTypes.tensor("input", DataType.FLOAT, SmallModels.BATCH, 4)), List.of(outputs));
    }

    /** A value that is not a tensor: a sequence of float tensors. */
    static ValueInfoProto sequence(String name) {
        TypeProto element = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(DataType.FLOAT.getNumber())).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setSequenceType(TypeProto.Sequence.newBuilder().setElemType(element))).build();
    }

    /** The signature of {@code model} as the checker gets it: written to a file and read back. */
    static ModelSignature signature(ModelProto model, Path folder) {
        return ModelSignature.of(OnnxModels.readStructure(OnnxFixtures.writeInto(model, folder)));
    }
}
