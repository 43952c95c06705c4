package dev.modeldock.export.oracle.standin;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.modeldock.graph.ProtoGraphBuilder;
import dev.modeldock.onnx.TensorTypes;
import dev.modeldock.testkit.onnx.OnnxFixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A tiny reranker shaped like the pipelines ModelDock and OML4Py export with function regression:
 * inputs {@code first_input} and {@code second_input} STRING [1], output {@code logits} FLOAT
 * ["batch", 1], whose one value depends on both texts (n1 and n2 whitespace-separated words give
 * {@code 0.75 * n1 - 0.5 * n2 + 0.125}), using only standard ONNX operators.
 */
public final class StandInRerankers {
    /** The metadata ModelDock writes for a reranker. */
    public static final String METADATA = "{\"function\":\"regression\",\"regressionOutput\":\"logits\","
            + "\"input\":{\"first_input\":[\"DATA1\"],\"second_input\":[\"DATA2\"]}}";

    private static final int OPSET = 20;

    private StandInRerankers() {
    }

    /** The score the model gives the pair. */
    public static float expectedScore(String first, String second) {
        return 0.75f * words(first) - 0.5f * words(second) + 0.125f;
    }

    public static Path write(Path file) throws IOException {
        return write(file, 0.75f);
    }

    /** The same model with another weight for the first text's words: another reranker, same shape. */
    public static Path write(Path file, float firstWeight) throws IOException {
        ProtoGraphBuilder graph = new ProtoGraphBuilder("standin-reranker", OPSET);
        graph.addInput(TensorTypes.tensor("first_input", DataType.STRING, 1));
        graph.addInput(TensorTypes.tensor("second_input", DataType.STRING, 1));
        List<String> first = graph.node("", "StringSplit", List.of("first_input"), 2, Map.of());
        List<String> second = graph.node("", "StringSplit", List.of("second_input"), 2, Map.of());
        String a = graph.node("", "Mul", List.of(count(graph, first.get(1)),
                graph.constant("w1", new float[] {firstWeight}, 1)), 1, Map.of()).get(0);
        String b = graph.node("", "Mul", List.of(count(graph, second.get(1)),
                graph.constant("w2", new float[] {-0.5f}, 1)), 1, Map.of()).get(0);
        String sum = graph.node("", "Add", List.of(a, b), 1, Map.of()).get(0);
        String score = graph.node("", "Add", List.of(sum, graph.constant("bias", new float[] {0.125f}, 1)), 1,
                Map.of()).get(0);
        Object[] dims = {"batch", 1};
        String shaped = graph.node("", "Reshape", List.of(score, StandInModels.outputShape(graph, first.get(0), dims)),
                1, Map.of()).get(0);
        graph.publish(shaped, TensorTypes.tensor("logits", DataType.FLOAT, dims));
        return OnnxFixtures.write(OnnxFixtures.model(graph.build(), OPSET), file);
    }

    /** The word count of a StringSplit, as float [1]. */
    private static String count(ProtoGraphBuilder graph, String lengths) {
        return graph.node("", "Cast", List.of(lengths), 1, Map.of("to", DataType.FLOAT.getNumber())).get(0);
    }

    private static int words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }
}
