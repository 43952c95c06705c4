package dev.modeldock.testkit;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import dev.modeldock.graph.ProtoGraphBuilder;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.onnx.TensorTypes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Small real ONNX models of the other functions, built here and loadable by ONNX Runtime. */
public final class SmallModels {
    private SmallModels() {
    }

    /**
     * A 3-class classifier: features float [batch, 4] → probabilities float [batch, 3] (MatMul +
     * Softmax) and, as a second output, the class names as a string tensor [3].
     */
    public static Path classifier(Path file) throws IOException {
        ProtoGraphBuilder graph = new ProtoGraphBuilder("classifier", 17);
        graph.addInput(TensorTypes.tensor("features", DataType.FLOAT, "batch", 4));
        String weights = graph.constant("weights", new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1}, 4, 3);
        String scores = graph.node("MatMul", "features", weights);
        String probabilities = graph.node("Softmax", List.of(scores), Map.of("axis", -1L));
        graph.publish(probabilities, TensorTypes.tensor("probabilities", DataType.FLOAT, "batch", 3));
        GraphProto.Builder built = graph.build().toBuilder();
        built.addNode(NodeProto.newBuilder().setOpType("Constant").setName("class_names").addOutput("class_names")
                .addAttribute(AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR)
                        .setT(TensorProto.newBuilder().setDataType(DataType.STRING_VALUE).addDims(3)
                                .addStringData(ByteString.copyFromUtf8("setosa"))
                                .addStringData(ByteString.copyFromUtf8("versicolor"))
                                .addStringData(ByteString.copyFromUtf8("virginica")))));
        built.addOutput(TensorTypes.tensor("class_names", DataType.STRING, 3));
        return write(built.build(), file);
    }

    /** A regressor: features float [batch, 4] → prediction float [batch, 1]. */
    public static Path regressor(Path file) throws IOException {
        ProtoGraphBuilder graph = new ProtoGraphBuilder("regressor", 17);
        graph.addInput(TensorTypes.tensor("features", DataType.FLOAT, "batch", 4));
        String prediction = graph.node("MatMul", "features", graph.constant("coefficients",
                new float[] {0.5f, -1, 2, 0.25f}, 4, 1));
        graph.publish(prediction, TensorTypes.tensor("prediction", DataType.FLOAT, "batch", 1));
        return write(graph.build(), file);
    }

    private static Path write(GraphProto graph, Path file) throws IOException {
        OnnxModels.write(ModelProto.newBuilder().setIrVersion(8).setProducerName("ModelDock tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(graph).build(), file);
        return file;
    }
}
