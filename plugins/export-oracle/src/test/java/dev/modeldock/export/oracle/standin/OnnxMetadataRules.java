package dev.modeldock.export.oracle.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Oracle's rules for the JSON metadata of an imported ONNX model, applied at LOAD time against the
 * model's declared inputs and outputs, written from "JSON Metadata Parameters for ONNX Models" (Oracle
 * AI Vector Search User's Guide) and the ORA-544xx error pages: the input side and the checks common
 * to every function here, the outputs in {@link OutputRules}.
 */
final class OnnxMetadataRules {
    private static final Set<String> FUNCTIONS = Set.of("embedding", "regression", "classification", "clustering");

    private OnnxMetadataRules() {
    }

    static ModelDescription check(JsonNode metadata, Map<String, TensorSpec> inputs, Map<String, TensorSpec> outputs)
            throws SQLException {
        String function = function(metadata);
        List<ModelDescription.Attribute> attributes = attributes(metadata.get("input"), inputs);
        if (function.equals("EMBEDDING") && attributes.size() != 1) {
            throw OracleErrors.invalidEmbeddingMetadata("an embedding model takes exactly one input attribute, this"
                    + " metadata and model give " + attributes.size() + " (" + names(attributes) + ")");
        }
        checkDefaultOnNull(metadata.get("defaultOnNull"), attributes);
        checkNormalizeProb(metadata.get("normalizeProb"), function);
        return OutputRules.describe(function, metadata, outputs, attributes);
    }

    /** "function" is mandatory (ORA-54402) and one of the four documented values (ORA-54403). */
    private static String function(JsonNode metadata) throws SQLException {
        JsonNode function = metadata.get("function");
        if (function == null || function.isNull()) {
            throw OracleErrors.functionMissing();
        }
        if (!function.isTextual() || !FUNCTIONS.contains(function.asText())) {
            throw OracleErrors.functionInvalid();
        }
        return function.asText().toUpperCase(Locale.ROOT);
    }

    /**
     * The input attributes. With "input", each key must be a model input (ORA-54408) mapped to an array
     * of strings (ORA-54409) as long as the input's value size (ORA-54420); inputs left out take their
     * tensor's name and must hold one value per row (ORA-54406).
     */
    private static List<ModelDescription.Attribute> attributes(JsonNode mapping, Map<String, TensorSpec> inputs)
            throws SQLException {
        if (mapping != null && !mapping.isObject()) {
            throw OracleErrors.undocumented("the \"input\" field must be an object mapping model inputs to arrays"
                    + " of attribute names");
        }
        List<ModelDescription.Attribute> attributes = new ArrayList<>();
        Set<String> mapped = new HashSet<>();
        if (mapping != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = mapping.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                TensorSpec input = inputs.get(field.getKey());
                if (input == null) {
                    throw OracleErrors.notAModelInput(field.getKey());
                }
                JsonNode names = field.getValue();
                if (!names.isArray()) {
                    throw OracleErrors.undocumented("the \"input." + field.getKey() + "\" field must be an array of"
                            + " attribute names");
                }
                for (int i = 0; i < names.size(); i++) {
                    if (!names.get(i).isTextual()) {
                        throw OracleErrors.inputElementNotString(field.getKey(), i);
                    }
                }
                input.checkShape();
                if (names.size() != input.valueSize()) {
                    throw OracleErrors.inputArrayLength(field.getKey(), names.size(), input.valueSize());
                }
                for (JsonNode name : names) {
                    attributes.add(attribute(ModelName.attribute(name.asText()), input));
                }
                mapped.add(field.getKey());
            }
        }
        for (TensorSpec input : inputs.values()) {
            if (!mapped.contains(input.name())) {
                input.checkShape();
                if (input.valueSize() != 1) {
                    throw OracleErrors.inputMappingMissing(input.name());
                }
                attributes.add(attribute(ModelName.attribute(input.name()), input));
            }
        }
        Set<String> seen = new HashSet<>();
        for (ModelDescription.Attribute attribute : attributes) {
            if (!seen.add(attribute.name())) {
                throw OracleErrors.undocumented("attribute name " + attribute.name() + " is given twice; each"
                        + " attribute name within a model must be unique");
            }
        }
        return attributes;
    }

    private static ModelDescription.Attribute attribute(String name, TensorSpec input) throws SQLException {
        if (input.isString()) {
            return new ModelDescription.Attribute(name, input.name(), "TEXT", "VARCHAR2");
        }
        if (input.isNumeric()) {
            return new ModelDescription.Attribute(name, input.name(), "NUMERICAL", "NUMBER");
        }
        throw OracleErrors.tensorTypeUnsupported(input.name());
    }

    /** "defaultOnNull" names attributes (ORA-54414) and gives strings (ORA-54411). */
    private static void checkDefaultOnNull(JsonNode defaults, List<ModelDescription.Attribute> attributes)
            throws SQLException {
        if (defaults == null) {
            return;
        }
        if (!defaults.isObject()) {
            throw OracleErrors.undocumented("the \"defaultOnNull\" field must be a JSON object");
        }
        Set<String> names = new HashSet<>();
        attributes.forEach(attribute -> names.add(attribute.name()));
        for (Iterator<Map.Entry<String, JsonNode>> it = defaults.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!names.contains(ModelName.attribute(field.getKey()))) {
                throw OracleErrors.defaultOnNullNotAnAttribute(field.getKey());
            }
            if (!field.getValue().isTextual()) {
                throw OracleErrors.defaultOnNullNotString(field.getKey());
            }
        }
    }

    /** "normalizeProb" is none or softmax, and only for classification and clustering (ORA-54415). */
    private static void checkNormalizeProb(JsonNode normalizeProb, String function) throws SQLException {
        if (normalizeProb == null) {
            return;
        }
        if (!function.equals("CLASSIFICATION") && !function.equals("CLUSTERING")) {
            throw OracleErrors.normalizeProbInvalid("it applies only to classification and clustering models, not"
                    + " to " + function.toLowerCase(Locale.ROOT));
        }
        if (!normalizeProb.isTextual() || !Set.of("none", "softmax").contains(normalizeProb.asText())) {
            throw OracleErrors.normalizeProbInvalid("the value must be \"none\" or \"softmax\", not " + normalizeProb);
        }
    }

    private static String names(List<ModelDescription.Attribute> attributes) {
        return String.join(", ", attributes.stream().map(ModelDescription.Attribute::name).toList());
    }
}
