package dev.modeldock.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.modeldock.runtime.OrtSessions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tiny ONNX graphs and a way to run them in the real ONNX Runtime, shared by the graph tests. */
public final class OnnxFixtures {
    private OnnxFixtures() {
    }

    /** A model at IR version 8 importing the default domain at opset 17. */
    public static ModelProto model(GraphProto graph) {
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("modeldock-tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(graph).build();
    }

    public static NodeProto node(String opType, String name, List<String> inputs, List<String> outputs) {
        return NodeProto.newBuilder().setOpType(opType).setName(name).addAllInput(inputs).addAllOutput(outputs)
                .build();
    }

    public static AttributeProto graphAttribute(String name, GraphProto graph) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.GRAPH).setG(graph)
                .build();
    }

    /** A float32 initializer stored as float_data. */
    public static TensorProto floats(String name, float[] values, long... dims) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.FLOAT.getNumber());
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        for (float value : values) {
            tensor.addFloatData(value);
        }
        return tensor.build();
    }

    /** Writes {@code graph} as a model file in {@code folder}. */
    public static Path write(GraphProto graph, Path folder, String fileName) throws IOException {
        Path file = folder.resolve(fileName);
        OnnxModels.write(model(graph), file);
        return file;
    }

    /** Runs the model with float inputs and returns the named outputs, each as ONNX Runtime returns it. */
    public static Map<String, Object> run(Path modelFile, Map<String, Object> inputs, String... outputs) throws OrtException {
        OrtEnvironment environment = OrtSessions.environment();
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try (OrtSession session = OrtSessions.open(modelFile, 1)) {
            for (Map.Entry<String, Object> input : inputs.entrySet()) {
                tensors.put(input.getKey(), OnnxTensor.createTensor(environment, input.getValue()));
            }
            Map<String, Object> values = new LinkedHashMap<>();
            try (OrtSession.Result result = session.run(tensors)) {
                for (String output : outputs) {
                    values.put(output, result.get(output).orElseThrow().getValue());
                }
            }
            return values;
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }
}
