package dev.modeldock.export.oracle.standin;

import ai.onnxruntime.OnnxJavaType;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which model output serves the function, and what that output must look like.
 *
 * <p>An output field names an existing output (ORA-54413). Left out, an output named like the field
 * is taken, else the model's only output; with several outputs and neither, ORA-54412 (ORA-54433
 * for clustering).
 */
final class OutputRules {
    /** The output fields and the function each belongs to ("Output" in the guide's usage notes). */
    private static final List<Map.Entry<String, String>> OUTPUT_FIELDS = List.of(
            Map.entry("embeddingOutput", "EMBEDDING"),
            Map.entry("regressionOutput", "REGRESSION"),
            Map.entry("classificationProbOutput", "CLASSIFICATION"),
            Map.entry("classificationLabelOutput", "CLASSIFICATION"),
            Map.entry("clusteringDistanceOutput", "CLUSTERING"),
            Map.entry("clusteringProbOutput", "CLUSTERING"));
    /** Oracle's limit for one string label ("labels" in the guide). */
    private static final int MAX_LABEL_BYTES = 4000;

    private OutputRules() {
    }

    static ModelDescription describe(String function, JsonNode metadata, Map<String, TensorSpec> outputs,
            List<ModelDescription.Attribute> attributes) throws SQLException {
        refuseForeignFields(function, metadata);
        return switch (function) {
            case "EMBEDDING" -> embedding(metadata, outputs, attributes);
            case "REGRESSION" -> {
                TensorSpec output = select("regressionOutput", metadata, outputs);
                requireType(output, output.isNumeric());
                yield ModelDescription.of(function, attributes, output.name());
            }
            case "CLASSIFICATION" -> classification(metadata, outputs, attributes);
            default -> clustering(metadata, outputs, attributes);
        };
    }

    /**
     * The guide: "you will receive an error if you supply outputs that the specified machine learning
     * function does not support", and labels are classification's. For an embedding the error is
     * ORA-54449 (invalid embedding metadata); for the other functions no code is documented, and the
     * engine's MetadataChecker reports these as undocumented too.
     */
    private static void refuseForeignFields(String function, JsonNode metadata) throws SQLException {
        for (Map.Entry<String, String> field : OUTPUT_FIELDS) {
            if (metadata.has(field.getKey()) && !field.getValue().equals(function)) {
                throw foreign(function, field.getKey());
            }
        }
        if (metadata.has("labels") && !function.equals("CLASSIFICATION")) {
            throw foreign(function, "labels");
        }
    }

    private static SQLException foreign(String function, String field) {
        String detail = "the \"" + field + "\" field does not apply to a" + (function.equals("EMBEDDING") ? "n " : " ")
                + function.toLowerCase(Locale.ROOT) + " model";
        return function.equals("EMBEDDING") ? OracleErrors.invalidEmbeddingMetadata(detail)
                : OracleErrors.undocumented(detail);
    }

    /**
     * The embedding output: floating point (ORA-54424) with exactly one dimension of fixed size
     * (ORA-54423), whose size is the vector's dimension.
     */
    private static ModelDescription embedding(JsonNode metadata, Map<String, TensorSpec> outputs,
            List<ModelDescription.Attribute> attributes) throws SQLException {
        TensorSpec output = select("embeddingOutput", metadata, outputs);
        requireType(output, output.type() == OnnxJavaType.FLOAT || output.type() == OnnxJavaType.DOUBLE);
        long[] fixed = output.fixedDimensions();
        if (fixed.length != 1) {
            throw OracleErrors.embeddingFixedDimensions(output.name(), fixed.length);
        }
        String format = output.type() == OnnxJavaType.FLOAT ? "FLOAT32" : "FLOAT64";
        return new ModelDescription("EMBEDDING", attributes, output.name(), fixed[0], format, List.of(), false, null);
    }

    /**
     * Probabilities are float32/64 (ORA-54424); "labels" (strings or numbers, ORA-54417; a string at
     * most 4000 bytes, ORA-54445) count the classes (ORA-54418) and exclude
     * "classificationLabelOutput" (ORA-54437), whose tensor holds strings or integers, one per class
     * (ORA-54438).
     */
    private static ModelDescription classification(JsonNode metadata, Map<String, TensorSpec> outputs,
            List<ModelDescription.Attribute> attributes) throws SQLException {
        TensorSpec probabilities = select("classificationProbOutput", metadata, outputs);
        requireType(probabilities, probabilities.type() == OnnxJavaType.FLOAT
                || probabilities.type() == OnnxJavaType.DOUBLE);
        JsonNode labels = metadata.get("labels");
        if (labels != null && metadata.has("classificationLabelOutput")) {
            throw OracleErrors.labelsAndLabelOutput();
        }
        if (metadata.has("classificationLabelOutput")) {
            TensorSpec labelOutput = named("classificationLabelOutput", metadata, outputs);
            if (!labelOutput.isString() && !labelOutput.isInteger()
                    || labelOutput.valueSize() != probabilities.valueSize()) {
                throw OracleErrors.labelOutputType();
            }
        }
        boolean softmax = "softmax".equals(metadata.path("normalizeProb").asText());
        return ModelDescription.classification(attributes, probabilities.name(), probabilities.valueSize(),
                labels == null ? null : labels(labels, probabilities.valueSize()), softmax,
                metadata.path("classificationLabelOutput").textValue());
    }

    private static List<Object> labels(JsonNode labels, long classes) throws SQLException {
        if (!labels.isArray()) {
            throw OracleErrors.labelInvalidType(0);
        }
        boolean strings = labels.size() > 0 && labels.get(0).isTextual();
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            JsonNode label = labels.get(i);
            if (strings ? !label.isTextual() : !label.isNumber()) {
                throw OracleErrors.labelInvalidType(i);
            }
            if (strings && label.asText().getBytes(StandardCharsets.UTF_8).length > MAX_LABEL_BYTES) {
                throw OracleErrors.labelTooLong(i);
            }
            values.add(strings ? label.asText() : label.decimalValue());
        }
        if (labels.size() != classes) {
            throw OracleErrors.labelsLength(labels.size(), classes);
        }
        return values;
    }

    /** Distances or probabilities, float16/32/64; with neither named and several outputs, ORA-54433. */
    private static ModelDescription clustering(JsonNode metadata, Map<String, TensorSpec> outputs,
            List<ModelDescription.Attribute> attributes) throws SQLException {
        TensorSpec output;
        if (metadata.has("clusteringDistanceOutput")) {
            output = named("clusteringDistanceOutput", metadata, outputs);
        } else if (metadata.has("clusteringProbOutput")) {
            output = named("clusteringProbOutput", metadata, outputs);
        } else if (outputs.containsKey("clusteringDistanceOutput")) {
            output = outputs.get("clusteringDistanceOutput");
        } else if (outputs.size() == 1) {
            output = outputs.values().iterator().next();
        } else {
            throw OracleErrors.clusteringOutputsUndefined();
        }
        requireType(output, output.isFloatingPoint());
        if (metadata.has("clusteringDistanceOutput") && metadata.has("clusteringProbOutput")) {
            TensorSpec probabilities = named("clusteringProbOutput", metadata, outputs);
            requireType(probabilities, probabilities.isFloatingPoint());
        }
        return ModelDescription.of("CLUSTERING", attributes, output.name());
    }

    /** The output a field names, or the default one (see the class comment). */
    private static TensorSpec select(String field, JsonNode metadata, Map<String, TensorSpec> outputs)
            throws SQLException {
        if (metadata.has(field)) {
            return named(field, metadata, outputs);
        }
        if (outputs.containsKey(field)) {
            return checked(outputs.get(field));
        }
        if (outputs.size() == 1) {
            return checked(outputs.values().iterator().next());
        }
        throw OracleErrors.outputFieldMissing(field);
    }

    private static TensorSpec named(String field, JsonNode metadata, Map<String, TensorSpec> outputs)
            throws SQLException {
        JsonNode value = metadata.get(field);
        TensorSpec output = value.isTextual() ? outputs.get(value.asText()) : null;
        if (output == null) {
            throw OracleErrors.outputNotFound(value.isTextual() ? value.asText() : value.toString(), field);
        }
        return checked(output);
    }

    private static TensorSpec checked(TensorSpec output) throws SQLException {
        output.checkShape();
        return output;
    }

    private static void requireType(TensorSpec output, boolean supported) throws SQLException {
        if (!supported) {
            throw OracleErrors.tensorTypeUnsupported(output.name());
        }
    }
}
