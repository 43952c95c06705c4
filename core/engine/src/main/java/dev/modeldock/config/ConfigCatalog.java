package dev.modeldock.config;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.modeldock.plugin.ModelDockException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Templates and preconfigured models, read once from the JSON files kept beside this class. */
final class ConfigCatalog {
    private static final Map<String, EmbeddingModelConfig> TEMPLATES = load("templates.json");
    private static final Map<String, EmbeddingModelConfig> PRECONFIGURED = load("preconfigured-models.json");

    private ConfigCatalog() {
    }

    static List<String> templateNames() {
        return List.copyOf(TEMPLATES.keySet());
    }

    static EmbeddingModelConfig template(String name) {
        EmbeddingModelConfig template = TEMPLATES.get(name);
        if (template == null) {
            throw new ModelDockException("unknown template '" + name + "'; templates: "
                    + String.join(", ", TEMPLATES.keySet()));
        }
        return template;
    }

    static List<String> preconfiguredNames() {
        return List.copyOf(PRECONFIGURED.keySet());
    }

    static Optional<EmbeddingModelConfig> preconfigured(String name) {
        return Optional.ofNullable(PRECONFIGURED.get(name));
    }

    private static Map<String, EmbeddingModelConfig> load(String resource) {
        try (InputStream in = ConfigCatalog.class.getResourceAsStream(resource)) {
            Map<String, Map<String, Object>> entries = Json.MAPPER.readValue(in, new TypeReference<>() { });
            Map<String, EmbeddingModelConfig> configs = new LinkedHashMap<>();
            entries.forEach((name, properties) -> configs.put(name, EmbeddingModelConfig.fromMap(properties)));
            return configs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in " + resource, e);
        }
    }
}
