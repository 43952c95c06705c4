package dev.modeldock.server.api;

import dev.modeldock.server.auth.Access;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The OpenAPI 3.1 description of the API, made from the same endpoint list the server registers. */
final class OpenApi {
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    private OpenApi() {
    }

    /** @param version ModelDock's version, the API's */
    static Map<String, Object> describe(List<Endpoint> endpoints, String version) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Endpoint endpoint : endpoints) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(endpoint.path(),
                    p -> new LinkedHashMap<String, Object>());
            item.put(endpoint.method().toLowerCase(Locale.ROOT), operation(endpoint));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "ModelDock registry API", "version", version,
                "description", "Models, versions, artifacts, aliases, jobs, targets, deployments and users."
                        + " Errors are {\"error\": message, \"detail\": any}."));
        doc.put("paths", paths);
        doc.put("components", Map.of(
                "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer")),
                "schemas", schemas()));
        return doc;
    }

    private static Map<String, Object> schemas() {
        Map<String, Object> schemas = new LinkedHashMap<>();
        schemas.put("Error", Map.of("type", "object", "required", List.of("error"),
                "properties", Map.of("error", Map.of("type", "string"), "detail", Map.of())));
        schemas.putAll(ResponseSchemas.components());
        schemas.put(TargetPlugins.SCHEMA_NAME, TargetPlugins.schema());
        return schemas;
    }

    /** A 2xx answer: its body's media type and schema, or no content at all. */
    private static Map<String, Object> success(String description, Endpoint.Response body) {
        if (body == null) {
            return Map.of("description", description + ", no content");
        }
        return Map.of("description", description, "content",
                Map.of(body.mediaType(), Map.of("schema", body.schema())));
    }

    private static Map<String, Object> operation(Endpoint endpoint) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("summary", endpoint.summary());
        op.put("operationId", endpoint.method().toLowerCase(Locale.ROOT) + endpoint.path()
                .replaceAll("[{}]", "").replaceAll("[^A-Za-z0-9]+", "_"));
        List<Map<String, Object>> parameters = new ArrayList<>();
        Matcher m = PATH_PARAMETER.matcher(endpoint.path());
        while (m.find()) {
            parameters.add(Map.of("name", m.group(1), "in", "path", "required", true,
                    "schema", Map.of("type", "string")));
        }
        endpoint.queryParameters().forEach((name, schema) -> parameters.add(Map.of("name", name, "in", "query",
                "required", false, "schema", schema)));
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        Map<String, Object> content = new LinkedHashMap<>();
        if (endpoint.requestBody() != null) {
            content.put("application/json", Map.of("schema", endpoint.requestBody()));
        }
        if (endpoint.upload() != null) {
            content.put("multipart/form-data", Map.of("schema", endpoint.upload().formSchema()));
        }
        if (!content.isEmpty()) {
            op.put("requestBody", Map.of("required", true, "content", content));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put(String.valueOf(endpoint.okStatus()), success("success", endpoint.response()));
        if (endpoint.upload() != null) {
            responses.put(String.valueOf(endpoint.upload().okStatus()), success(
                    "success of a multipart/form-data upload", endpoint.upload().response()));
        }
        responses.put("4XX", Map.of("description", "the request was refused; the body says why",
                "content", Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/Error")))));
        op.put("responses", responses);
        if (endpoint.access() != Access.PUBLIC) {
            op.put("security", endpoint.access() == Access.READ ? List.of(Map.of(), Map.of("bearer", List.of()))
                    : List.of(Map.of("bearer", List.of())));
            op.put("x-required-role", endpoint.access().role().id());
        }
        return op;
    }
}
