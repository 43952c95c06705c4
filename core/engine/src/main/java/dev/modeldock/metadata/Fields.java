package dev.modeldock.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.config.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed reads of a metadata document's fields; a value of the wrong JSON type is reported and read as absent. */
final class Fields {

    private final JsonNode root;
    private final List<MetadataProblem> problems;

    Fields(JsonNode root, List<MetadataProblem> problems) {
        this.root = root;
        this.problems = problems;
    }

    String text(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            return wrong(field, "a string", value);
        }
        return value.asText();
    }

    /**
     * A string field whose wrong-typed value is kept as its JSON text, for rules that judge the
     * value itself ({@code "function": 5} is an invalid function, not a missing one).
     */
    String textOrJson(String field) {
        JsonNode value = present(field);
        return value == null ? null : value.isTextual() ? value.asText() : value.toString();
    }

    Boolean bool(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        // Oracle's own description says "The value 1 means normalization is applied".
        if (value.isBoolean() || (value.isIntegralNumber() && (value.asInt() == 0 || value.asInt() == 1))) {
            return value.asBoolean();
        }
        return wrong(field, "true or false", value);
    }

    Integer integer(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() <= 0) {
            return wrong(field, "a positive whole number", value);
        }
        return value.asInt();
    }

    List<Object> list(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            return wrong(field, "an array", value);
        }
        List<Object> items = new ArrayList<>();
        value.forEach(item -> items.add(Json.MAPPER.convertValue(item, Object.class)));
        return items;
    }

    List<String> strings(String field) {
        List<Object> items = list(field);
        if (items == null) {
            return null;
        }
        if (!items.stream().allMatch(String.class::isInstance)) {
            return wrong(field, "an array of strings", root.get(field));
        }
        return items.stream().map(String.class::cast).toList();
    }

    Map<String, Object> object(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            return wrong(field, "a JSON object", value);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        value.fields().forEachRemaining(e -> map.put(e.getKey(), Json.MAPPER.convertValue(e.getValue(), Object.class)));
        return map;
    }

    /** {@code input}: an object whose values are arrays; elements are kept whatever their type. */
    Map<String, List<Object>> inputMapping() {
        Map<String, Object> raw = object("input");
        if (raw == null) {
            return null;
        }
        Map<String, List<Object>> mapping = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : raw.entrySet()) {
            if (entry.getValue() instanceof List<?> names) {
                mapping.put(entry.getKey(), new ArrayList<>(names));
            } else {
                problems.add(MetadataProblem.error(OracleErrors.INPUT_NOT_STRING_ARRAY, "input." + entry.getKey(),
                        "the attribute names of model input \"" + entry.getKey() + "\" must be an array of strings,"
                                + " got " + entry.getValue() + ".",
                        "Write it as \"" + entry.getKey() + "\": [\"ATTRIBUTE_NAME\"]."));
            }
        }
        return mapping;
    }

    /** {@code languages}: Oracle documents a comma-separated string; its own example uses an array. */
    Object languages() {
        JsonNode value = present("languages");
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            return value.asText();
        }
        List<String> items = strings("languages");
        return items;
    }

    private JsonNode present(String field) {
        JsonNode value = root.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private <T> T wrong(String field, String expected, JsonNode value) {
        problems.add(MetadataProblem.error(OracleErrors.fieldTypeCode(field), field, "\"" + field + "\" must be "
                + expected + ", got " + value + ".", "Give \"" + field + "\" as " + expected + "."));
        return null;
    }
}
