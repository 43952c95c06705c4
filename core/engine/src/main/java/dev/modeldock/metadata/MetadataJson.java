package dev.modeldock.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modeldock.config.Json;
import dev.modeldock.config.JsonProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes metadata documents with Oracle's exact, case-sensitive field names. Reading never
 * throws for content: a field of the wrong JSON type or an unknown key becomes a problem, and the
 * rest of the document is still read.
 */
public final class MetadataJson {

    private MetadataJson() {
    }

    /** A document as read, with what was wrong in its form. */
    public record Parsed(OnnxMetadata metadata, List<MetadataProblem> problems) {
    }

    public static Parsed parse(String text) {
        List<MetadataProblem> problems = new ArrayList<>();
        JsonNode root;
        try {
            // A key given twice is an error, not "the last one wins": the registry stores the document and
            // reads it back with duplicates refused, and a reader that took the first would see another document.
            root = Json.MAPPER.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION).readTree(text);
        } catch (JsonProcessingException e) {
            problems.add(MetadataProblem.error(OracleErrors.JSON_SYNTAX, "metadata", "the document is not valid JSON ("
                    + JsonProblem.of(e).describe() + ").", "Correct the JSON syntax."));
            return new Parsed(null, problems);
        }
        if (root == null || !root.isObject()) {
            problems.add(MetadataProblem.error(OracleErrors.JSON_SYNTAX, "metadata", "the document is not a JSON object.",
                    "Give the metadata as one JSON object, e.g. {\"function\": \"embedding\"}."));
            return new Parsed(null, problems);
        }
        root.fieldNames().forEachRemaining(key -> {
            if (!OnnxMetadata.FIELDS.contains(key)) {
                String near = OnnxMetadata.FIELDS.stream().filter(f -> f.equalsIgnoreCase(key)).findFirst()
                        .map(f -> " (field names are case-sensitive: did you mean \"" + f + "\"?)").orElse("");
                problems.add(MetadataProblem.warning(key, "\"" + key + "\" is not a metadata field" + near + ".",
                        "Remove it or use one of: " + String.join(", ", OnnxMetadata.FIELDS) + "."));
            }
        });
        Fields fields = new Fields(root, problems);
        OnnxMetadata metadata = new OnnxMetadata(fields.textOrJson("function"), fields.inputMapping(),
                fields.text("regressionOutput"), fields.text("classificationProbOutput"),
                fields.text("classificationLabelOutput"), fields.text("clusteringDistanceOutput"),
                fields.text("clusteringProbOutput"), fields.text("embeddingOutput"), fields.list("labels"),
                fields.text("normalizeProb"), fields.object("defaultOnNull"), fields.strings("suitableDistanceMetrics"),
                fields.bool("normalization"), fields.integer("maxSequenceLength"), fields.text("pooling"),
                fields.object("modelDescription"), fields.languages(), fields.text("tokenizer"),
                fields.text("embeddingLayer"));
        return new Parsed(metadata, problems);
    }

    /** The document, fields in Oracle's order, absent ones left out. */
    public static String write(OnnxMetadata metadata) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        Map<String, Object> values = toMap(metadata);
        for (String field : OnnxMetadata.FIELDS) {
            if (values.get(field) != null) {
                root.set(field, Json.MAPPER.valueToTree(values.get(field)));
            }
        }
        try {
            return Json.MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> toMap(OnnxMetadata m) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("function", m.function());
        values.put("input", m.input());
        values.put("regressionOutput", m.regressionOutput());
        values.put("classificationProbOutput", m.classificationProbOutput());
        values.put("clusteringDistanceOutput", m.clusteringDistanceOutput());
        values.put("clusteringProbOutput", m.clusteringProbOutput());
        values.put("classificationLabelOutput", m.classificationLabelOutput());
        values.put("normalizeProb", m.normalizeProb());
        values.put("labels", m.labels());
        values.put("embeddingOutput", m.embeddingOutput());
        values.put("suitableDistanceMetrics", m.suitableDistanceMetrics());
        values.put("normalization", m.normalization());
        values.put("maxSequenceLength", m.maxSequenceLength());
        values.put("pooling", m.pooling());
        values.put("modelDescription", m.modelDescription());
        values.put("languages", m.languages());
        values.put("tokenizer", m.tokenizer());
        values.put("embeddingLayer", m.embeddingLayer());
        values.put("defaultOnNull", m.defaultOnNull());
        return values;
    }
}
