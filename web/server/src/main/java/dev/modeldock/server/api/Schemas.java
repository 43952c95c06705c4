package dev.modeldock.server.api;

import dev.modeldock.service.ConversionRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small JSON Schemas for request bodies, as {@code /openapi.json} shows them. */
final class Schemas {
    private Schemas() {
    }

    static Map<String, Object> string(String description) {
        return Map.of("type", "string", "description", description);
    }

    /** A string of at most {@code maxLength} characters (a {@code dev.modeldock.registry.Limits} value). */
    static Map<String, Object> string(String description, int maxLength) {
        return Map.of("type", "string", "description", description, "maxLength", maxLength);
    }

    /** A string that is one of {@code values}. */
    static Map<String, Object> choice(String description, List<String> values) {
        return Map.of("type", "string", "enum", values, "description", description);
    }

    /** An Oracle Database release number, as {@code targetRelease} takes it: 23 or 26. */
    static Map<String, Object> release(String description) {
        return Map.of("type", "integer", "enum", ConversionRequest.releases(), "description", description);
    }

    static Map<String, Object> integer(String description) {
        return Map.of("type", "integer", "description", description);
    }

    static Map<String, Object> bool(String description) {
        return Map.of("type", "boolean", "description", description);
    }

    static Map<String, Object> strings(String description) {
        return Map.of("type", "array", "items", Map.of("type", "string"), "description", description);
    }

    static Map<String, Object> freeObject(String description) {
        return Map.of("type", "object", "description", description);
    }

    static Map<String, Object> stringMap(String description) {
        return Map.of("type", "object", "additionalProperties", Map.of("type", "string"), "description", description);
    }

    static Map<String, Object> binary(String description) {
        return Map.of("type", "string", "format", "binary", "description", description);
    }

    /** Query parameters by name, in the order given: name, schema, name, schema… */
    static Map<String, Object> parameters(Object... namesAndSchemas) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (int i = 0; i < namesAndSchemas.length; i += 2) {
            parameters.put((String) namesAndSchemas[i], namesAndSchemas[i + 1]);
        }
        return parameters;
    }

    /** An object with exactly these properties (in order) of which {@code required} must be present. */
    static Map<String, Object> object(List<String> required, Object... namesAndSchemas) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < namesAndSchemas.length; i += 2) {
            properties.put((String) namesAndSchemas[i], namesAndSchemas[i + 1]);
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }
}
