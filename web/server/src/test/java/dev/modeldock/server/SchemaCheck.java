package dev.modeldock.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON answer against a schema of {@code /openapi.json}, so far as the API's schemas use
 * JSON Schema: {@code $ref} to the document's components, {@code allOf}, {@code type} (one or a
 * list), {@code enum}, {@code required}, {@code properties}, {@code additionalProperties} and
 * {@code items}. Enough to catch a description that no longer says what the server answers.
 */
final class SchemaCheck {
    private static final String COMPONENTS = "#/components/schemas/";

    private final JsonNode components;

    /** @param openApi the whole {@code /openapi.json} document, whose components references name */
    SchemaCheck(JsonNode openApi) {
        this.components = openApi.path("components").path("schemas");
    }

    /** Every way {@code value} differs from {@code schema}, each with where; empty when it conforms. */
    List<String> problems(JsonNode value, JsonNode schema) {
        List<String> problems = new ArrayList<>();
        check(value, schema, "$", problems);
        return problems;
    }

    private void check(JsonNode value, JsonNode schema, String at, List<String> problems) {
        if (schema.has("$ref")) {
            String ref = schema.path("$ref").asText();
            JsonNode target = ref.startsWith(COMPONENTS) ? components.path(ref.substring(COMPONENTS.length()))
                    : null;
            if (target == null || target.isMissingNode()) {
                problems.add(at + ": unresolved " + ref);
                return;
            }
            check(value, target, at, problems);
        }
        schema.path("allOf").forEach(part -> check(value, part, at, problems));
        if (schema.has("type") && !hasType(value, schema.path("type"))) {
            problems.add(at + ": " + value.getNodeType() + " where the schema says " + schema.path("type"));
            return;
        }
        if (schema.has("enum") && !value.isNull() && !contains(schema.path("enum"), value)) {
            problems.add(at + ": " + value + " is none of " + schema.path("enum"));
        }
        if (value.isObject()) {
            schema.path("required").forEach(name -> {
                if (!value.has(name.asText())) {
                    problems.add(at + ": no property '" + name.asText() + "'");
                }
            });
            for (Map.Entry<String, JsonNode> property : (Iterable<Map.Entry<String, JsonNode>>) value::fields) {
                JsonNode declared = schema.path("properties").path(property.getKey());
                JsonNode other = schema.path("additionalProperties");
                if (!declared.isMissingNode()) {
                    check(property.getValue(), declared, at + "." + property.getKey(), problems);
                } else if (other.isObject()) {
                    check(property.getValue(), other, at + "." + property.getKey(), problems);
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.path("items"), at + "[" + i + "]", problems);
            }
        }
    }

    private static boolean hasType(JsonNode value, JsonNode type) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (hasType(value, one)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> false;
        };
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode one : values) {
            if (one.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
