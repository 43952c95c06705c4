package dev.modeldock.server.api;

import dev.modeldock.registry.JobQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Schemas of what the API answers, as {@code /openapi.json} shows them: the shapes of
 * {@link Views} and of the other answers, kept as named components that operations refer to.
 */
final class ResponseSchemas {
    private static final Map<String, Object> TIME = Map.of("type", "string", "format", "date-time");
    private static final Map<String, Object> TIME_OR_NULL = Map.of("type", List.of("string", "null"),
            "format", "date-time");
    private static final Map<String, Object> ANY_JSON = Map.of("description", "a stored JSON document");
    private static final Map<String, Object> VALIDATION = Map.of("description", "the stored validation report. A"
            + " conversion's has parity: passed, minAsciiCosine, then ascii, non_ascii, supplementary and"
            + " special_tokens (texts holding the tokenizer's special-token spellings), each {texts,"
            + " tokenIdsAgree, maxAbsDifference, minCosine, idsDiffer} (ASCII alone decides the export), then scripts:"
            + " by writing system (latin, greek, cyrillic, cjk, hangul, devanagari, arabic, thai, emoji, other; only"
            + " those with probe texts, in that order) {texts, tokenIdsAgree, minCosine}, reported only and absent"
            + " from versions converted before it was added; also embeddingWidth, metadata, sizeNotes and, for int8"
            + " or float16 weights, quality. An upload's has metadata, runtime and targetRelease");

    private ResponseSchemas() {
    }

    /** A reference to the component {@code name}. */
    static Map<String, Object> ref(String name) {
        return Map.of("$ref", "#/components/schemas/" + name);
    }

    /** A JSON array of the component {@code name}. */
    static Map<String, Object> listOf(String name) {
        return Map.of("type", "array", "items", ref(name));
    }

    /** One page of a longer list of the component {@code name}, as {@code /models} answers. */
    static Map<String, Object> pageOf(String name) {
        return shape("items", listOf(name), "offset", type("integer", "items skipped"),
                "limit", type("integer", "the most items a page holds"),
                "total", type("integer", "how many items match in all, across pages"));
    }

    /** The components, by name. */
    static Map<String, Object> components() {
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("Model", shape("name", type("string"), "description", type("string"),
                "tags", strings(), "latestVersion", type(List.of("integer", "null"), "null before the first version"),
                "aliases", Map.of("type", "object", "additionalProperties", type("integer"),
                        "description", "version number by alias"),
                "createdAt", TIME, "updatedAt", TIME));
        components.put("Version", shape("model", type("string"), "number", type("integer"), "aliases", strings(),
                "artifact", shape("sha256", type("string"), "sizeBytes", type("integer"),
                        "layout", Map.of("type", "string", "enum", List.of("onnx", "external-data-package"),
                                "description", "one ONNX file, or a zip of the ONNX file, its external data files"
                                        + " and their descriptor (Oracle Database 26ai)"),
                        "files", Map.of("type", "array", "description", "a package's members with their SHA-256s;"
                                + " empty for one ONNX file", "items", shape("name", type("string"),
                                "sha256", type("string"), "bytes", type("integer"))),
                        "href", type("string", "where the ONNX file (or the package) is downloaded")),
                "config", ANY_JSON, "lineage", ANY_JSON, "metadata", ANY_JSON, "validation", VALIDATION,
                "createdBy", type("string"), "createdAt", TIME));
        components.put("UploadedVersion", Map.of("allOf", List.of(ref("Version"), Map.of("type", "object",
                "properties", Map.of("identicalTo", type("integer", "present when an earlier version of the model"
                        + " has the same bytes: the earliest such version's number. The upload is a version of its"
                        + " own all the same"))))));
        components.put("Job", forTokenHolders(shape("id", type("string"), "kind", enumeration(JobQuery.KINDS),
                "model", type(List.of("string", "null"), "the model it converts or deploys"),
                "state", enumeration(JobQuery.STATES), "progress", type("number", "0 to 1"),
                "stage", type("string"), "request", ANY_JSON, "result", ANY_JSON,
                "error", type(List.of("string", "null")), "createdBy", type("string"), "createdAt", TIME,
                "startedAt", TIME_OR_NULL, "finishedAt", TIME_OR_NULL,
                "server", type(List.of("string", "null"), "the server that claimed it; null while it waits"),
                "events", type("string", "the job's Server-Sent Events")),
                "stage", "request", "result", "error", "createdBy", "server"));
        components.put("Deployment", forTokenHolders(shape("id", type("integer"), "model", type("string"),
                "version", type("integer"),
                "target", type("string"), "databaseModelName", type("string"), "artifactSha256", type("string"),
                "status", type("string", "queued, running, deployed, drifted, failed, replaced, retired"),
                "jobId", type(List.of("string", "null")),
                "location", type(List.of("string", "null")), "error", type(List.of("string", "null")),
                "lastCheck", ANY_JSON, "checkedAt", TIME_OR_NULL, "createdBy", type("string"), "createdAt", TIME,
                "updatedAt", TIME, "finishedAt", TIME_OR_NULL),
                "location", "error"));
        components.put("DeploymentJob", Map.of("allOf", List.of(ref("Job"), shape("deployment", ref("Deployment")))));
        components.put("Target", shape("name", type("string"), "plugin", type("string"),
                "settings", Map.of("type", "object", "description", "the settings that are not secret"),
                "secretsSet", strings(), "createdAt", TIME, "updatedAt", TIME));
        components.put("User", shape("name", type("string"), "role", type("string"), "createdAt", TIME));
        components.put("Caller", shape("name", type("string"), "role", type("string")));
        components.put("Token", shape("user", type("string"), "token", type("string", "shown this once")));
        components.put("TokenInfo", shape("id", type("string", "names the token for revocation; not the token"),
                "label", type("string"), "createdAt", TIME));
        components.put("Health", shape("status", type("string"), "version", type("string"),
                "database", type("string", "postgresql or h2")));
        components.put("AliasMove", shape("alias", type("string"), "from", type(List.of("integer", "null")),
                "to", type(List.of("integer", "null")), "movedBy", type("string"), "movedAt", TIME));
        components.put("AuditEntry", shape("id", type("integer"), "at", TIME, "actor", type("string"),
                "action", type("string"), "subject", type("string"), "detail", type(List.of("string", "null"))));
        components.put("Plugin", forTokenHolders(shape("id", type("string"),
                "version", type(List.of("string", "null"), "null when its plugin.properties cannot be read"),
                "provider", type(List.of("string", "null")),
                "requires", type(List.of("string", "null"), "the plugin API versions it runs against"),
                "description", type(List.of("string", "null")),
                "state", enumeration(List.of("STARTED", "FAILED", "DISABLED")),
                "reason", type(List.of("string", "null"), "why it is not started, in one line naming it and what to"
                        + " do; null when started (or disabled by choice)"),
                "extensions", Map.of("type", "object", "additionalProperties", strings(),
                        "description", "extension names by kind (ExportTarget, PostProcessor, Tokenizer); empty"
                                + " unless started"),
                "builtIn", type("boolean", "comes with ModelDock: can be disabled, not removed"),
                "uploaded", type("boolean", "uploaded to this server: an upload of its id replaces it, and it can"
                        + " be removed"),
                "source", type("string", "the folder or zip it was loaded from")), "source"));
        components.put("Configurations", Map.of("type", "object", "additionalProperties", Map.of("type", "object"),
                "description", "configuration properties by template or model name"));
        return components;
    }

    /** An object whose every property is present (possibly null), in this order. */
    /**
     * {@code schema} with {@code fields} no longer required: answers to readers without a token
     * leave them out, since they name server folders and quote what went wrong.
     */
    @SuppressWarnings("unchecked") // shape() makes required a List<String>
    private static Map<String, Object> forTokenHolders(Map<String, Object> schema, String... fields) {
        List<String> required = new ArrayList<>((List<String>) schema.get("required"));
        required.removeAll(List.of(fields));
        Map<String, Object> relaxed = new LinkedHashMap<>(schema);
        relaxed.put("required", List.copyOf(required));
        relaxed.put("description", "fields " + String.join(", ", fields) + " only for callers with a token");
        return relaxed;
    }

    private static Map<String, Object> shape(Object... namesAndSchemas) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < namesAndSchemas.length; i += 2) {
            properties.put((String) namesAndSchemas[i], namesAndSchemas[i + 1]);
        }
        return Map.of("type", "object", "properties", properties, "required", List.copyOf(properties.keySet()));
    }

    private static Map<String, Object> type(Object type) {
        return Map.of("type", type);
    }

    private static Map<String, Object> type(Object type, String description) {
        return Map.of("type", type, "description", description);
    }

    private static Map<String, Object> strings() {
        return Map.of("type", "array", "items", Map.of("type", "string"));
    }

    private static Map<String, Object> enumeration(List<String> values) {
        return Map.of("type", "string", "enum", values);
    }
}
