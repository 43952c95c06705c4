package dev.modeldock.export.oracle.standin;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.modeldock.graph.ProtoGraphBuilder;
import dev.modeldock.onnx.TensorTypes;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Tiny ONNX models for the stand-in, shaped like exported pipelines: a string input and a float
 * vector out whose values depend on the text (the number of whitespace-separated words n gives
 * {@code vector[i] = n * 0.25 * (i + 1) + 0.125 - 0.5 * i}), using only standard ONNX operators.
 *
 * <p>By default: input {@code input} STRING [1], output {@code embedding} FLOAT ["batch", 4], as
 * the project's pipelines declare them.
 */
public final class StandInModels {
    private static final int OPSET = 20;

    private String inputName = "input";
    private Object[] inputDims = {1};
    private final List<String> extraInputs = new ArrayList<>();
    private String outputName = "embedding";
    private DataType outputType = DataType.FLOAT;
    private Object[] outputDims = {"batch", 4};
    private final List<String> extraOutputs = new ArrayList<>();
    private boolean softmax;

    private StandInModels() {
    }

    /** A model with the defaults above, to adjust before {@link #write(Path)}. */
    public static StandInModels embedding() {
        return new StandInModels();
    }

    /**
     * A text classifier shaped like OML4Py's: input {@code input} STRING [1], output {@code logits}
     * FLOAT ["batch", classes], the softmax of the vector above. One word makes the first class the
     * most probable, three or more words the last.
     */
    public static StandInModels classifier(int classes) {
        StandInModels model = new StandInModels().output("logits", DataType.FLOAT, "batch", classes);
        model.softmax = true;
        return model;
    }

    /** The probabilities {@link #classifier} gives {@code text}. */
    public static double[] expectedProbabilities(String text, int classes) {
        float[] vector = expectedVector(text, classes);
        double[] probabilities = new double[classes];
        double sum = 0;
        for (int i = 0; i < classes; i++) {
            probabilities[i] = Math.exp(vector[i]);
            sum += probabilities[i];
        }
        for (int i = 0; i < classes; i++) {
            probabilities[i] /= sum;
        }
        return probabilities;
    }

    /** The vector the model gives {@code text}, {@code width} values long. */
    public static float[] expectedVector(String text, int width) {
        String trimmed = text.strip();
        int words = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
        float[] vector = new float[width];
        for (int i = 0; i < width; i++) {
            vector[i] = words * weight(i) + bias(i);
        }
        return vector;
    }

    /** A file ONNX Runtime cannot load. */
    public static Path notOnnx(Path file) throws IOException {
        return Files.writeString(file, "this is not an ONNX model", StandardCharsets.UTF_8);
    }

    public StandInModels input(String name, Object... dims) {
        this.inputName = name;
        this.inputDims = dims;
        return this;
    }

    /** Declares another STRING [1] input, which the graph ignores. */
    public StandInModels extraInput(String name) {
        extraInputs.add(name);
        return this;
    }

    /** The vector output; its width is the product of its fixed dimensions. */
    public StandInModels output(String name, DataType type, Object... dims) {
        this.outputName = name;
        this.outputType = type;
        this.outputDims = dims;
        return this;
    }

    /** Publishes the same vector under another output name as well. */
    public StandInModels extraOutput(String name) {
        extraOutputs.add(name);
        return this;
    }

    public Path write(Path file) throws IOException {
        ProtoGraphBuilder graph = new ProtoGraphBuilder("standin-test", OPSET);
        graph.addInput(TensorTypes.tensor(inputName, DataType.STRING, inputDims));
        for (String extra : extraInputs) {
            graph.addInput(TensorTypes.tensor(extra, DataType.STRING, 1));
        }
        int width = (int) Arrays.stream(outputDims).filter(Number.class::isInstance)
                .mapToLong(d -> ((Number) d).longValue()).reduce(1, (a, b) -> a * b);
        float[] weights = new float[width];
        float[] biases = new float[width];
        for (int i = 0; i < width; i++) {
            weights[i] = weight(i);
            biases[i] = bias(i);
        }
        List<String> split = graph.node("", "StringSplit", List.of(inputName), 2, Map.of());
        String count = graph.node("", "Cast", List.of(split.get(1)), 1, Map.of("to", DataType.FLOAT.getNumber())).get(0);
        String flat = graph.node("", "Reshape", List.of(count, graph.constant("one", new long[] {1}, 1)), 1,
                Map.of()).get(0);
        String scaled = graph.node("", "Mul", List.of(flat, graph.constant("weights", weights, 1, width)), 1,
                Map.of()).get(0);
        String vector = graph.node("", "Add", List.of(scaled, graph.constant("biases", biases, 1, width)), 1,
                Map.of()).get(0);
        if (softmax) {
            vector = graph.node("", "Softmax", List.of(vector), 1, Map.of("axis", -1L)).get(0);
        }
        String shaped = graph.node("", "Reshape", List.of(vector, outputShape(graph, split.get(0), outputDims)), 1,
                Map.of()).get(0);
        if (outputType != DataType.FLOAT) {
            shaped = graph.node("", "Cast", List.of(shaped), 1, Map.of("to", outputType.getNumber())).get(0);
        }
        graph.publish(shaped, TensorTypes.tensor(outputName, outputType, outputDims));
        for (String extra : extraOutputs) {
            graph.publish(shaped, TensorTypes.tensor(extra, outputType, outputDims));
        }
        return OnnxFixtures.write(OnnxFixtures.model(graph.build(), OPSET), file);
    }

    /**
     * The output's shape as a tensor whose variable dimensions are 1 at run time but unknown to shape
     * inference (Min/Max stop ONNX's data propagation), so that ONNX Runtime keeps reporting them as
     * variable, as it does for a real pipeline's batch dimension.
     */
    static String outputShape(ProtoGraphBuilder graph, String pieces, Object[] outputDims) {
        String pieceShape = graph.node("", "Shape", List.of(pieces), 1, Map.of()).get(0);
        String one = graph.constant("one_dim", new long[] {1}, 1);
        String count = graph.node("", "Gather", List.of(pieceShape, one), 1, Map.of("axis", 0L)).get(0);
        String atLeastOne = graph.node("", "Max", List.of(count, one), 1, Map.of()).get(0);
        String opaqueOne = graph.node("", "Min", List.of(atLeastOne, one), 1, Map.of()).get(0);
        List<String> dims = new ArrayList<>();
        for (Object dim : outputDims) {
            dims.add(dim instanceof Number n ? graph.constant("dim", new long[] {n.longValue()}, 1) : opaqueOne);
        }
        return graph.node("", "Concat", dims, 1, Map.of("axis", 0L)).get(0);
    }

    static float weight(int i) {
        return 0.25f * (i + 1);
    }

    static float bias(int i) {
        return 0.125f - 0.5f * i;
    }
}
