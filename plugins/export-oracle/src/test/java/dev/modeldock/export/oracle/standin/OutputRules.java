package dev.modeldock.export.oracle.standin;

import ai.onnxruntime.OnnxJavaType;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Which model output serves the function, and what that output must look like.
 *
 * <p>An output field names an existing output (ORA-54413). Left out, an output named like the field
 * is taken, else the model's only output; with several outputs and neither, ORA-54412 (ORA-54433
 * for clustering).
 */
final class OutputRules {
    private static final List<String> EMBEDDING_FOREIGN_FIELDS = List.of("regressionOutput",
            "classificationProbOutput", "classificationLabelOutput", "labels", "clusteringDistanceOutput",
            "clusteringProbOutput");

    private OutputRules() {
    }

    static ModelDescription describe(String function, JsonNode metadata, Map<String, TensorSpec> outputs,
            List<ModelDescription.Attribute> attributes) throws SQLException {
        return switch (function) {
            case "EMBEDDING" -> embedding(metadata, outputs, attributes);
            case "REGRESSION" -> {
                TensorSpec output = select("regressionOutput", metadata, outputs);
                requireType(output, output.isNumeric());
                yield new ModelDescription(function, attributes, output.name(), 0, null);
            }
            case "CLASSIFICATION" -> classification(metadata, outputs, attributes);
            default -> clustering(metadata, outputs, attributes);
        };
    }

    /**
     * The embedding output: floating point (ORA-54424) with exactly one dimension of fixed size
     * (ORA-54423), whose size is the vector's dimension. Fields of other functions are refused
     * (ORA-54449: the guide says outputs the function does not support are an error).
     */
    private static ModelDescription embedding(JsonNode metadata, Map<String, TensorSpec> outputs,
            List<ModelDescription.Attribute> attributes) throws SQLException {
        for (String field : EMBEDDING_FOREIGN_FIELDS) {
            if (metadata.has(field)) {
                throw OracleErrors.invalidEmbeddingMetadata("the \"" + field + "\" field does not apply to an"
                        + " embedding model");
            }
        }
        TensorSpec output = select("embeddingOutput", metadata, outputs);
        requireType(output, output.type() == OnnxJavaType.FLOAT || output.type() == OnnxJavaType.DOUBLE);
        long[] fixed = output.fixedDimensions();
        if (fixed.length != 1) {
            throw OracleErrors.embeddingFixedDimensions(output.name(), fixed.length);
        }
        String format = output.type() == OnnxJavaType.FLOAT ? "FLOAT32" : "FLOAT64";
        return new ModelDescription("EMBEDDING", attributes, output.name(), fixed[0], format);
    }

    /**
     * Probabilities are float32/64 (ORA-54424); "labels" (strings or numbers, ORA-54417) count the
     * classes (ORA-54418) and exclude "classificationLabelOutput" (ORA-54437), whose tensor holds
     * strings or integers (ORA-54438).
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
        if (labels != null) {
            if (!labels.isArray()) {
                throw OracleErrors.labelInvalidType(0);
            }
            boolean strings = labels.size() > 0 && labels.get(0).isTextual();
            for (int i = 0; i < labels.size(); i++) {
                JsonNode label = labels.get(i);
                if (strings ? !label.isTextual() : !label.isNumber()) {
                    throw OracleErrors.labelInvalidType(i);
                }
            }
            if (labels.size() != probabilities.valueSize()) {
                throw OracleErrors.labelsLength(labels.size(), probabilities.valueSize());
            }
        }
        if (metadata.has("classificationLabelOutput")) {
            TensorSpec labelOutput = named("classificationLabelOutput", metadata, outputs);
            if (!labelOutput.isString() && !labelOutput.isInteger()) {
                throw OracleErrors.labelOutputType();
            }
        }
        return new ModelDescription("CLASSIFICATION", attributes, probabilities.name(), 0, null);
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
        return new ModelDescription("CLUSTERING", attributes, output.name(), 0, null);
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
