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

/**
 * Templates and preconfigured models, read once from the JSON files kept beside this class. A
 * preconfigured entry holds OML4Py's properties, under {@code provenance} where each value came from
 * ({@link CatalogProvenance}), and under {@code function} the pipeline function it is converted with
 * when that is not embedding (a reranker's {@code regression}); the properties alone make its
 * configuration.
 */
final class ConfigCatalog {
    private static final String PROVENANCE = "provenance";
    private static final String FUNCTION = "function";
    private static final Map<String, EmbeddingModelConfig> TEMPLATES = configs(read("templates.json"));
    private static final Map<String, Map<String, Object>> PRECONFIGURED_ENTRIES = read("preconfigured-models.json");
    private static final Map<String, EmbeddingModelConfig> PRECONFIGURED = configs(PRECONFIGURED_ENTRIES);
    private static final Map<String, CatalogProvenance> PROVENANCES = provenances(PRECONFIGURED_ENTRIES);

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

    /** The entry's function ("regression", say), empty for an embedding model or a name not in the catalog. */
    static Optional<String> function(String name) {
        Map<String, Object> entry = PRECONFIGURED_ENTRIES.get(name);
        return entry == null ? Optional.empty() : Optional.ofNullable((String) entry.get(FUNCTION));
    }

    static Optional<CatalogProvenance> provenance(String name) {
        return Optional.ofNullable(PROVENANCES.get(name));
    }

    private static Map<String, Map<String, Object>> read(String resource) {
        try (InputStream in = ConfigCatalog.class.getResourceAsStream(resource)) {
            return Json.MAPPER.readValue(in, new TypeReference<LinkedHashMap<String, Map<String, Object>>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in " + resource, e);
        }
    }

    private static Map<String, EmbeddingModelConfig> configs(Map<String, Map<String, Object>> entries) {
        Map<String, EmbeddingModelConfig> configs = new LinkedHashMap<>();
        entries.forEach((name, entry) -> {
            Map<String, Object> properties = new LinkedHashMap<>(entry);
            properties.remove(PROVENANCE);
            properties.remove(FUNCTION);
            configs.put(name, EmbeddingModelConfig.fromMap(properties));
        });
        return configs;
    }

    private static Map<String, CatalogProvenance> provenances(Map<String, Map<String, Object>> entries) {
        Map<String, CatalogProvenance> provenances = new LinkedHashMap<>();
        entries.forEach((name, entry) -> provenances.put(name, CatalogProvenance.fromMap(name, entry.get(PROVENANCE))));
        return provenances;
    }
}
