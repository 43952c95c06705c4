package dev.modeldock.service;

import dev.modeldock.config.CatalogProvenance;
import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.host.Extensions;
import dev.modeldock.host.PluginInfo;
import dev.modeldock.host.ToolVersion;
import dev.modeldock.plan.PipelineFunction;
import dev.modeldock.plugin.Setting;
import dev.modeldock.registry.RegistryDatabase;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the server is and can do: its health and version, configuration templates, preconfigured models, plugins. */
public final class CatalogService {
    /**
     * @param up       whether the database answers
     * @param database {@code postgresql} or {@code h2}
     */
    public record Health(boolean up, String version, String database) {
    }

    /**
     * A post-processor as a configuration's {@code post_processors} entries name it, with the
     * parameters it declares: what a form for an entry is made from.
     *
     * @param origin the plugin it comes from, "plugin-id@version"
     */
    public record PostProcessorInfo(String name, String origin, List<Setting> parameters) {
    }

    private final Extensions extensions;
    private final RegistryDatabase database;

    CatalogService(Extensions extensions, RegistryDatabase database) {
        this.extensions = extensions;
        this.database = database;
    }

    public Health health() {
        boolean up = database.isReachable();
        return new Health(up, version(), database.isPostgres() ? "postgresql" : "h2");
    }

    /** ModelDock's version. */
    public String version() {
        return ToolVersion.current();
    }

    /** Each configuration template by name, with its properties. */
    public Map<String, Object> templates() {
        Map<String, Object> templates = new LinkedHashMap<>();
        for (String name : EmbeddingModelConfig.showTemplates()) {
            templates.put(name, EmbeddingModelConfig.fromTemplate(name, Map.of()).toMap());
        }
        return templates;
    }

    /** Each preconfigured model by name, with its properties. */
    public Object preconfigured() {
        return EmbeddingModelConfig.showPreconfigured(true, null).get(0);
    }

    /**
     * The pipeline function the preconfigured model {@code name} is converted with ({@code regression}
     * for a reranker); embedding for any other, and for a name that is not preconfigured.
     */
    public String preconfiguredFunction(String name) {
        return EmbeddingModelConfig.preconfiguredFunction(name).orElse(PipelineFunction.EMBEDDING.jsonName());
    }

    /**
     * Where the values of the preconfigured model {@code name} come from, which of them are
     * assumptions no source confirms, and whether its files are pinned; empty if it is not one.
     */
    public Optional<CatalogProvenance> provenance(String name) {
        return CatalogProvenance.of(name);
    }

    /** Every installed post-processor with its declared parameters, by name. */
    public List<PostProcessorInfo> postProcessors() {
        return extensions.postProcessors().stream()
                .map(p -> new PostProcessorInfo(p.name(), extensions.origin(p), p.parameters()))
                .sorted(Comparator.comparing(PostProcessorInfo::name)).toList();
    }

    /** Installed plugins: id, version, state, extensions. */
    public List<PluginInfo> plugins() {
        return extensions.describe();
    }
}
