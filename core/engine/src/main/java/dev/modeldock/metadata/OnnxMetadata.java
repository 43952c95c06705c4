package dev.modeldock.metadata;

import java.util.List;
import java.util.Map;

/**
 * The JSON metadata Oracle takes with an ONNX model, one component per field, named exactly as
 * Oracle names them (case matters). Absent fields are null. Values are kept as given, even when
 * wrong (a number among the input names, say), so that the checker can report them.
 *
 * @param input        attribute names per model input, e.g. {@code {"input": ["DATA"]}}
 * @param labels       class labels, strings or numbers
 * @param defaultOnNull replacement for NULL per attribute, as SQL literal text
 * @param languages    a string ("us,d") or a list of strings
 */
public record OnnxMetadata(
        String function,
        Map<String, List<Object>> input,
        String regressionOutput,
        String classificationProbOutput,
        String classificationLabelOutput,
        String clusteringDistanceOutput,
        String clusteringProbOutput,
        String embeddingOutput,
        List<Object> labels,
        String normalizeProb,
        Map<String, Object> defaultOnNull,
        List<String> suitableDistanceMetrics,
        Boolean normalization,
        Integer maxSequenceLength,
        String pooling,
        Map<String, Object> modelDescription,
        Object languages,
        String tokenizer,
        String embeddingLayer) {

    /** Every field, in Oracle's documentation order. */
    public static final List<String> FIELDS = List.of("function", "input", "regressionOutput",
            "classificationProbOutput", "clusteringDistanceOutput", "clusteringProbOutput",
            "classificationLabelOutput", "normalizeProb", "labels", "embeddingOutput", "suitableDistanceMetrics",
            "normalization", "maxSequenceLength", "pooling", "modelDescription", "languages", "tokenizer",
            "embeddingLayer", "defaultOnNull");

    /** The output fields and the functions that may use each. */
    static final Map<String, List<MlFunction>> OUTPUT_FIELDS = Map.of(
            "regressionOutput", List.of(MlFunction.REGRESSION),
            "classificationProbOutput", List.of(MlFunction.CLASSIFICATION),
            "classificationLabelOutput", List.of(MlFunction.CLASSIFICATION),
            "clusteringDistanceOutput", List.of(MlFunction.CLUSTERING),
            "clusteringProbOutput", List.of(MlFunction.CLUSTERING),
            "embeddingOutput", List.of(MlFunction.EMBEDDING));

    /** The value of an output field by its name. */
    public String output(String field) {
        return switch (field) {
            case "regressionOutput" -> regressionOutput;
            case "classificationProbOutput" -> classificationProbOutput;
            case "classificationLabelOutput" -> classificationLabelOutput;
            case "clusteringDistanceOutput" -> clusteringDistanceOutput;
            case "clusteringProbOutput" -> clusteringProbOutput;
            case "embeddingOutput" -> embeddingOutput;
            default -> throw new IllegalArgumentException(field + " is not an output field");
        };
    }
}
