package dev.modeldock.service;

import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.config.Settings;
import dev.modeldock.conversion.EmbeddingModel;
import dev.modeldock.host.Extensions;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.NewVersion;
import dev.modeldock.registry.Registry;
import dev.modeldock.registry.StoredArtifact;
import dev.modeldock.registry.Version;
import dev.modeldock.service.isolation.ConvertedModel;
import dev.modeldock.service.isolation.IsolatedRuntime;
import dev.modeldock.source.ModelSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Converts a transformer with the engine, in a child process ({@link IsolatedRuntime}: ONNX Runtime
 * validates the pipeline on the model's weights), and files the result as a new version: artifact,
 * metadata, configuration, lineage (the artifact's provenance) and validation report together, or
 * nothing at all. The child's artifact is streamed straight into the artifact store.
 */
final class ConversionJob {
    private final Registry registry;
    private final Extensions extensions;
    private final Settings settings;
    private final SourceRoots sources;
    private final IsolatedRuntime isolated;

    /** @param sources the folders sources must lie in */
    ConversionJob(Registry registry, Extensions extensions, Settings settings, SourceRoots sources,
            IsolatedRuntime isolated) {
        this.registry = registry;
        this.extensions = extensions;
        this.settings = settings;
        this.sources = sources;
        this.isolated = isolated;
    }

    /** Checks the request before it is queued, so a bad one is a 400 and not a failed job. */
    EmbeddingModel prepare(ConversionRequest request) {
        if (request.source() == null || request.source().isBlank()) {
            throw new ModelDockException("'source' is missing: give a hub id or a folder on the server");
        }
        Map<String, Object> overrides = request.config() == null ? Map.of() : request.config();
        ModelSource source = sources.confine(request.source(), settings);
        EmbeddingModelConfig config = request.template() != null
                ? EmbeddingModelConfig.fromTemplate(request.template(), overrides)
                : EmbeddingModelConfig.preconfigured(source.hubId())
                        .orElseThrow(() -> new ModelDockException("'" + request.source() + "' is not a preconfigured"
                                + " model; give a 'template' (e.g. text) and 'config' with max_seq_length"))
                        .with(overrides);
        EmbeddingModel model = new EmbeddingModel(source, config, extensions);
        model.checkConfiguration();
        return model;
    }

    /**
     * Runs the conversion and files the version; the model name was checked when the job was queued.
     *
     * @param model the conversion {@link #prepare} checked, its source confined to the roots; the child
     *              converts that folder, by its real path
     */
    Version run(String modelName, EmbeddingModel model, String actor,
            JobContext context) throws IOException {
        try (ConvertedModel artifact = isolated.convert(model.source(), model.configuration(),
                (stage, fraction) -> context.report(stage, 0.85 * fraction))) {
            context.report("storing the artifact", 0.9);
            StoredArtifact stored;
            try (InputStream in = Files.newInputStream(artifact.file())) {
                stored = registry.artifacts().put(in, artifact.sha256());
            }
            Map<String, Object> validation = new LinkedHashMap<>();
            validation.put("parity", artifact.parity());
            validation.put("metadata", "checked: no errors");
            validation.put("embeddingWidth", artifact.dimensions().orElse(-1));
            Version version = registry.versions().create(modelName, new NewVersion(stored.sha256(),
                    Json.write(model.configuration().toMap()), Json.write(artifact.provenance()),
                    artifact.metadata(), Json.write(validation)), actor);
            context.log("filed as " + modelName + " version " + version.number());
            return version;
        }
    }
}
