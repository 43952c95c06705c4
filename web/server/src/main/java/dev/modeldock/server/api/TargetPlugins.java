package dev.modeldock.server.api;

import static dev.modeldock.server.api.Schemas.bool;
import static dev.modeldock.server.api.Schemas.object;
import static dev.modeldock.server.api.Schemas.string;

import dev.modeldock.plugin.ExportTarget;
import dev.modeldock.plugin.Setting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an export target and its settings declaration look in {@code GET /api/v1/targets/plugins}, and
 * that answer's schema ({@code TargetPlugin} in {@code /openapi.json}): what a form for a target
 * profile is made from. A declaration holds no values, so a secret setting shows only as secret.
 */
final class TargetPlugins {
    /** The schema's name under {@code components/schemas}. */
    static final String SCHEMA_NAME = "TargetPlugin";

    private TargetPlugins() {
    }

    static Map<String, Object> view(ExportTarget target) {
        List<Map<String, Object>> settings = new ArrayList<>();
        for (Setting setting : target.settings()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("name", setting.name());
            view.put("type", setting.type().id());
            view.put("required", setting.required());
            view.put("secret", setting.secret());
            view.put("description", setting.description());
            view.put("default", setting.defaultValue());
            settings.add(view);
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", target.name());
        view.put("needsName", target.needsName());
        view.put("settings", settings);
        return view;
    }

    /** The JSON Schema of one element of the answer. */
    static Map<String, Object> schema() {
        Map<String, Object> setting = object(List.of("name", "type", "required", "secret", "description", "default"),
                "name", string("the setting's key in a profile's settings"),
                "type", Map.of("type", "string", "enum", List.of("string", "boolean", "integer", "path"),
                        "description", "what the value must be (always sent as a string); a path lies in the"
                                + " server's folder for target files, relative to it or absolute"),
                "required", bool("whether a profile must give it"),
                "secret", bool("whether it is stored sealed and never shown again"),
                "description", string("what it means"),
                "default", Map.of("type", List.of("string", "null"), "description", "what the target uses when it"
                        + " is not given; null for nothing"));
        return object(List.of("name", "needsName", "settings"),
                "name", string("the export target, a profile's 'plugin'"),
                "needsName", bool("whether a deployment must give databaseModelName; if not, the model's name is"
                        + " used"),
                "settings", Map.of("type", "array", "items", setting, "description", "the settings a profile of"
                        + " this target takes; no others are accepted"));
    }
}
