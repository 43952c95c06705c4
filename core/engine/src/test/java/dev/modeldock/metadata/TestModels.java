package dev.modeldock.metadata;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.modeldock.graph.ProtoGraphBuilder;
import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.onnx.TensorTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Small real ONNX models, one per machine learning function, that ONNX Runtime loads and runs
 * ({@link TestModelsTest} proves it), plus declared-only models for shapes no real graph needs.
 * Variable dimensions are named "batch".
 */
final class TestModels {
    static final int OPSET = 17;
    static final String BATCH = "batch";
    private static final AtomicInteger FILES = new AtomicInteger();

    private TestModels() {
    }

    /** What a classifier publishes as "label" beside its probabilities. */
    enum Label {
        /** No label output. */
        NONE,
        /** A constant STRING[3]: one label per class. */
        STRINGS,
        /** A constant INT64[3]: one label per class. */
        INTEGERS,
        /** A constant FLOAT[3]. */
        FLOATS,
        /** A constant STRING[4]: one label too many. */
        FOUR_STRINGS,
        /** ArgMax then Cast to INT32: the predicted class per row, INT32[batch]. */
        PREDICTED_INT32
    }

    /** float "input" [batch, 4] → MatMul → Softmax → {@code probabilities} FLOAT[batch, 3], and a label output. */
    static ModelProto classifier(String probabilities, Label label) {
        ProtoGraphBuilder graph = new ProtoGraphBuilder("classifier", OPSET);
        graph.addInput(TensorTypes.tensor("input", DataType.FLOAT, BATCH, 4));
        String scores = graph.node("MatMul", "input", graph.constant("w", weights(12), 4, 3));
        String softmax = graph.node("Softmax", List.of(scores), Map.of("axis", 1L));
        graph.publish(softmax, TensorTypes.tensor(probabilities, DataType.FLOAT, BATCH, 3));
        switch (label) {
            case NONE -> { }
            case STRINGS -> graph.publish(strings(graph, "setosa", "versicolor", "virginica"),
                    TensorTypes.tensor("label", DataType.STRING, 3));
            case FOUR_STRINGS -> graph.publish(strings(graph, "a", "b", "c", "d"),
                    TensorTypes.tensor("label", DataType.STRING, 4));
            case INTEGERS -> graph.publish(graph.constant("classes", new long[] {10, 20, 30}, 3),
                    TensorTypes.tensor("label", DataType.INT64, 3));
            case FLOATS -> graph.publish(graph.constant("classes", new float[] {1, 2, 3}, 3),
                    TensorTypes.tensor("label", DataType.FLOAT, 3));
            case PREDICTED_INT32 -> {
                String best = graph.node("ArgMax", List.of(softmax), Map.of("axis", 1L, "keepdims", 0L));
                graph.publish(cast(graph, best, DataType.INT32), TensorTypes.tensor("label", DataType.INT32, BATCH));
            }
        }
        return model(graph);
    }

    /** A classifier whose only output, "probabilities", holds STRING[batch, 3]. */
    static ModelProto stringProbabilityClassifier() {
        ProtoGraphBuilder graph = new ProtoGraphBuilder("string_classifier", OPSET);
        graph.addInput(TensorTypes.tensor("input", DataType.FLOAT, BATCH, 4));
        String scores = graph.node("MatMul", "input", graph.constant("w", weights(12), 4, 3));
        graph.publish(cast(graph, scores, DataType.STRING), TensorTypes.tensor("probabilities", DataType.STRING, BATCH, 3));
        return model(graph);
    }

    /** float "input" [batch, 4] → MatMul → {@code output} FLOAT[batch, 1]. */
    static ModelProto regressor(String output) {
        return regressor(output, Map.of("input", 4));
    }

    /**
     * One float input [batch, width] per entry, each MatMul'ed to [batch, 1] and summed into
     * {@code output} FLOAT[batch, 1].
     */
    static ModelProto regressor(String output, Map<String, Integer> inputs) {
        ProtoGraphBuilder graph = new ProtoGraphBuilder("regressor", OPSET);
        String sum = null;
        for (Map.Entry<String, Integer> input : new LinkedHashMap<>(inputs).entrySet()) {
            int width = input.getValue();
            graph.addInput(TensorTypes.tensor(input.getKey(), DataType.FLOAT, BATCH, width));
            String term = graph.node("MatMul", input.getKey(), graph.constant("w", weights(width), width, 1));
            sum = sum == null ? term : graph.node("Add", sum, term);
        }
        graph.publish(sum, TensorTypes.tensor(output, DataType.FLOAT, BATCH, 1));
        return model(graph);
    }

    /**
     * float "input" [batch, 4] → {@code distances} FLOAT[batch, distanceWidth] (MatMul) and
     * {@code probabilities} FLOAT[batch, probabilityWidth] (MatMul, Softmax); a null name leaves
     * that output out.
     */
    static ModelProto clusterer(String distances, int distanceWidth, String probabilities, int probabilityWidth) {
        ProtoGraphBuilder graph = new ProtoGraphBuilder("clusterer", OPSET);
        graph.addInput(TensorTypes.tensor("input", DataType.FLOAT, BATCH, 4));
        if (distances != null) {
            String d = graph.node("MatMul", "input", graph.constant("centres", weights(4 * distanceWidth), 4, distanceWidth));
            graph.publish(d, TensorTypes.tensor(distances, DataType.FLOAT, BATCH, distanceWidth));
        }
        if (probabilities != null) {
            String s = graph.node("MatMul", "input", graph.constant("w", weights(4 * probabilityWidth), 4, probabilityWidth));
            graph.publish(graph.node("Softmax", List.of(s), Map.of("axis", 1L)),
                    TensorTypes.tensor(probabilities, DataType.FLOAT, BATCH, probabilityWidth));
        }
        return model(graph);
    }

    /** The usual clusterer: "distances" and "probabilities", both FLOAT[batch, 3]. */
    static ModelProto clusterer() {
        return clusterer("distances", 3, "probabilities", 3);
    }

    /** A text embedding model: one STRING "input" [batch, 1] → {@code output} FLOAT[batch, 8]. */
    static ModelProto embedder(String output) {
        return embedder(List.of(TensorTypes.tensor("input", DataType.STRING, BATCH, 1)), output, DataType.FLOAT, BATCH, 8);
    }

    /**
     * String inputs (rank 1 or 2) → {@code output} of the given type and shape, whose fixed sizes
     * multiply to the embedding width; the values are constants broadcast over the rows.
     *
     * @param outputDims fixed sizes as numbers, the variable batch as a string
     */
    static ModelProto embedder(List<ValueInfoProto> inputs, String output, DataType type, Object... outputDims) {
        ProtoGraphBuilder graph = new ProtoGraphBuilder("embedder", OPSET);
        String sum = null;
        for (ValueInfoProto input : inputs) {
            graph.addInput(input);
            String zeros = graph.node("ConstantOfShape", graph.node("Shape", input.getName()));
            String column = input.getType().getTensorType().getShape().getDimCount() == 1
                    ? graph.node("Unsqueeze", zeros, graph.constant("axes", new long[] {1}, 1))
                    : graph.node("ReduceSum", List.of(zeros, graph.constant("axes", new long[] {1}, 1)),
                            Map.of("keepdims", 1L));
            sum = sum == null ? column : graph.node("Add", sum, column);
        }
        int width = Arrays.stream(outputDims).filter(Number.class::isInstance).mapToInt(d -> ((Number) d).intValue())
                .reduce(1, (a, b) -> a * b);
        String rows = graph.node("Add", sum, graph.constant("embedding", weights(width), 1, width));
        long[] target = Arrays.stream(outputDims).mapToLong(d -> d instanceof Number n ? n.longValue() : -1).toArray();
        String shaped = graph.node("Reshape", rows, graph.constant("shape", target, target.length));
        graph.publish(type == DataType.FLOAT ? shaped : cast(graph, shaped, type), TensorTypes.tensor(output, type, outputDims));
        return model(graph);
    }

    /**
     * A model that only declares its inputs and outputs (an Identity node keeps it non-empty), for
     * shapes and types no small real graph needs to produce.
     */
    static ModelSignature declared(List<ValueInfoProto> inputs, List<ValueInfoProto> outputs) {
        GraphProto.Builder graph = GraphProto.newBuilder().setName("declared").addAllInput(inputs).addAllOutput(outputs)
                .addNode(NodeProto.newBuilder().setOpType("Identity").addInput(inputs.get(0).getName())
                        .addOutput(outputs.get(0).getName()));
        return ModelSignature.of(model(graph.build()));
    }

    /** One float input "input" [batch, 4] and the given outputs. */
    static ModelSignature declaredOutputs(ValueInfoProto... outputs) {
        return declared(List.of(TensorTypes.tensor("input", DataType.FLOAT, BATCH, 4)), List.of(outputs));
    }

    /** A value that is not a tensor: a sequence of float tensors. */
    static ValueInfoProto sequence(String name) {
        TypeProto element = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(DataType.FLOAT.getNumber())).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setSequenceType(TypeProto.Sequence.newBuilder().setElemType(element))).build();
    }

    /** Writes {@code model} into {@code folder} and returns the file. */
    static Path write(ModelProto model, Path folder) {
        Path file = folder.resolve(model.getGraph().getName() + "-" + FILES.incrementAndGet() + ".onnx");
        try {
            OnnxModels.write(model, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The signature of {@code model} as the checker gets it: written to a file and read back. */
    static ModelSignature signature(ModelProto model, Path folder) {
        return ModelSignature.of(OnnxModels.readStructure(write(model, folder)));
    }

    static ModelProto model(ProtoGraphBuilder graph) {
        return model(graph.build());
    }

    private static ModelProto model(GraphProto graph) {
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("modeldock-metadata-tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph).build();
    }

    private static String strings(ProtoGraphBuilder graph, String... values) {
        return graph.node("", "Constant", List.of(), 1, Map.of("value_strings", List.of(values))).get(0);
    }

    private static String cast(ProtoGraphBuilder graph, String tensor, DataType to) {
        return graph.node("Cast", List.of(tensor), Map.of("to", (long) to.getNumber()));
    }

    private static float[] weights(int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (i % 7 + 1) / 10f;
        }
        return values;
    }

    /** Inputs in order, for {@link #regressor(String, Map)}. */
    static Map<String, Integer> inputs(Object... nameWidthPairs) {
        Map<String, Integer> inputs = new LinkedHashMap<>();
        for (int i = 0; i < nameWidthPairs.length; i += 2) {
            inputs.put((String) nameWidthPairs[i], (Integer) nameWidthPairs[i + 1]);
        }
        return inputs;
    }
}
