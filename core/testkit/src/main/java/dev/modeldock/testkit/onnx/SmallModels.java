package dev.modeldock.testkit.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small real ONNX models, one per machine learning function, that ONNX Runtime loads and runs
 * ({@code SmallModelsTest} proves it): classifiers, regressors, clusterers and text embedders with
 * the names, types and shapes a test asks for. Variable dimensions are named {@value #BATCH}; the
 * models are at IR version 8 and opset {@value #OPSET}.
 *
 * <p>Two of them are the models the upload, export and command line tests pass around, each with
 * import metadata Oracle accepts: {@link #irisClassifier()} and {@link #featureRegressor()}.
 */
public final class SmallModels {
    public static final int OPSET = 17;
    public static final String BATCH = "batch";

    /** Metadata Oracle accepts for {@link #featureRegressor()}. */
    public static final String FEATURE_REGRESSOR_METADATA = "{\"function\": \"regression\", \"input\":"
            + " {\"features\": [\"A\", \"B\", \"C\", \"D\"]}}";
    /** Metadata Oracle accepts for {@link #irisClassifier()}. */
    public static final String IRIS_CLASSIFIER_METADATA = "{\"function\": \"classification\","
            + " \"classificationProbOutput\": \"probabilities\", \"classificationLabelOutput\": \"class_names\","
            + " \"normalizeProb\": \"none\", \"input\": {\"features\": [\"SEPAL_LENGTH\", \"SEPAL_WIDTH\","
            + " \"PETAL_LENGTH\", \"PETAL_WIDTH\"]}}";

    private SmallModels() {
    }

    /** What a classifier publishes beside its probabilities. */
    public enum Label {
        /** No label output. */
        NONE,
        /** A constant STRING[3]: one label per class (setosa, versicolor, virginica). */
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

    /**
     * A 3-class iris classifier: {@code features} FLOAT [batch, 4] → {@code probabilities} FLOAT
     * [batch, 3] (MatMul + Softmax) and the class names as {@code class_names} STRING [3].
     */
    public static ModelProto irisClassifier() {
        return classifier("features", "probabilities", Label.STRINGS, "class_names");
    }

    /** A regressor: {@code features} FLOAT [batch, 4] → {@code prediction} FLOAT [batch, 1]. */
    public static ModelProto featureRegressor() {
        return regressor("prediction", inputs("features", 4));
    }

    /** {@code input} FLOAT [batch, 4] → MatMul → Softmax → {@code probabilities} FLOAT [batch, 3], and {@code label}. */
    public static ModelProto classifier(String probabilities, Label label) {
        return classifier("input", probabilities, label, "label");
    }

    /**
     * {@code input} FLOAT [batch, 4] → MatMul → Softmax → {@code probabilities} FLOAT [batch, 3], and
     * a label output named {@code labelOutput} as {@code label} says.
     */
    public static ModelProto classifier(String input, String probabilities, Label label, String labelOutput) {
        OnnxGraph graph = new OnnxGraph("classifier").input(OnnxGraph.tensor(input, DataType.FLOAT, BATCH, 4));
        String scores = graph.node("MatMul", input, graph.constant("w", weights(12), 4, 3));
        String softmax = graph.node("Softmax", List.of(scores), Map.of("axis", 1L));
        graph.output(softmax, OnnxGraph.tensor(probabilities, DataType.FLOAT, BATCH, 3));
        switch (label) {
            case NONE -> { }
            case STRINGS -> graph.output(graph.strings("setosa", "versicolor", "virginica"),
                    OnnxGraph.tensor(labelOutput, DataType.STRING, 3));
            case FOUR_STRINGS -> graph.output(graph.strings("a", "b", "c", "d"),
                    OnnxGraph.tensor(labelOutput, DataType.STRING, 4));
            case INTEGERS -> graph.output(graph.constant("classes", new long[] {10, 20, 30}, 3),
                    OnnxGraph.tensor(labelOutput, DataType.INT64, 3));
            case FLOATS -> graph.output(graph.constant("classes", new float[] {1, 2, 3}, 3),
                    OnnxGraph.tensor(labelOutput, DataType.FLOAT, 3));
            case PREDICTED_INT32 -> {
                String best = graph.node("ArgMax", List.of(softmax), Map.of("axis", 1L, "keepdims", 0L));
                graph.output(cast(graph, best, DataType.INT32), OnnxGraph.tensor(labelOutput, DataType.INT32, BATCH));
            }
        }
        return OnnxFixtures.model(graph.build());
    }

    /** A classifier whose only output, {@code probabilities}, holds STRING [batch, 3]. */
    public static ModelProto stringProbabilityClassifier() {
        OnnxGraph graph = new OnnxGraph("string_classifier").input(OnnxGraph.tensor("input", DataType.FLOAT, BATCH, 4));
        String scores = graph.node("MatMul", "input", graph.constant("w", weights(12), 4, 3));
        graph.output(cast(graph, scores, DataType.STRING), OnnxGraph.tensor("probabilities", DataType.STRING, BATCH, 3));
        return OnnxFixtures.model(graph.build());
    }

    /** {@code input} FLOAT [batch, 4] → MatMul → {@code output} FLOAT [batch, 1]. */
    public static ModelProto regressor(String output) {
        return regressor(output, inputs("input", 4));
    }

    /**
     * One float input [batch, width] per entry, each MatMul'ed to [batch, 1] and summed into
     * {@code output} FLOAT [batch, 1].
     */
    public static ModelProto regressor(String output, Map<String, Integer> inputs) {
        OnnxGraph graph = new OnnxGraph("regressor");
        String sum = null;
        for (Map.Entry<String, Integer> input : inputs.entrySet()) {
            int width = input.getValue();
            graph.input(OnnxGraph.tensor(input.getKey(), DataType.FLOAT, BATCH, width));
            String term = graph.node("MatMul", input.getKey(), graph.constant("w", weights(width), width, 1));
            sum = sum == null ? term : graph.node("Add", sum, term);
        }
        graph.output(sum, OnnxGraph.tensor(output, DataType.FLOAT, BATCH, 1));
        return OnnxFixtures.model(graph.build());
    }

    /** Inputs in order, for {@link #regressor(String, Map)}: name, width, name, width... */
    public static Map<String, Integer> inputs(Object... nameWidthPairs) {
        Map<String, Integer> inputs = new LinkedHashMap<>();
        for (int i = 0; i < nameWidthPairs.length; i += 2) {
            inputs.put((String) nameWidthPairs[i], (Integer) nameWidthPairs[i + 1]);
        }
        return inputs;
    }

    /**
     * {@code input} FLOAT [batch, 4] → {@code distances} FLOAT [batch, distanceWidth] (MatMul) and
     * {@code probabilities} FLOAT [batch, probabilityWidth] (MatMul, Softmax); a null name leaves
     * that output out.
     */
    public static ModelProto clusterer(String distances, int distanceWidth, String probabilities, int probabilityWidth) {
        OnnxGraph graph = new OnnxGraph("clusterer").input(OnnxGraph.tensor("input", DataType.FLOAT, BATCH, 4));
        if (distances != null) {
            String d = graph.node("MatMul", "input",
                    graph.constant("centres", weights(4 * distanceWidth), 4, distanceWidth));
            graph.output(d, OnnxGraph.tensor(distances, DataType.FLOAT, BATCH, distanceWidth));
        }
        if (probabilities != null) {
            String s = graph.node("MatMul", "input", graph.constant("w", weights(4 * probabilityWidth), 4,
                    probabilityWidth));
            graph.output(graph.node("Softmax", List.of(s), Map.of("axis", 1L)),
                    OnnxGraph.tensor(probabilities, DataType.FLOAT, BATCH, probabilityWidth));
        }
        return OnnxFixtures.model(graph.build());
    }

    /** The usual clusterer: {@code distances} and {@code probabilities}, both FLOAT [batch, 3]. */
    public static ModelProto clusterer() {
        return clusterer("distances", 3, "probabilities", 3);
    }

    /** A text embedding model: one STRING {@code input} [batch, 1] → {@code output} FLOAT [batch, 8]. */
    public static ModelProto embedder(String output) {
        return embedder(List.of(OnnxGraph.tensor("input", DataType.STRING, BATCH, 1)), output, DataType.FLOAT, BATCH, 8);
    }

    /**
     * String inputs (rank 1 or 2) → {@code output} of the given type and shape, whose fixed sizes
     * multiply to the embedding width; the values are constants broadcast over the rows.
     *
     * @param outputDims fixed sizes as numbers, the variable batch as a string
     */
    public static ModelProto embedder(List<ValueInfoProto> inputs, String output, DataType type, Object... outputDims) {
        OnnxGraph graph = new OnnxGraph("embedder");
        String sum = null;
        for (ValueInfoProto input : inputs) {
            graph.input(input);
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
        graph.output(type == DataType.FLOAT ? shaped : cast(graph, shaped, type),
                OnnxGraph.tensor(output, type, outputDims));
        return OnnxFixtures.model(graph.build());
    }

    private static String cast(OnnxGraph graph, String tensor, DataType to) {
        return graph.node("Cast", List.of(tensor), Map.of("to", (long) to.getNumber()));
    }

    private static float[] weights(int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (i % 7 + 1) / 10f;
        }
        return values;
    }
}
