package dev.modeldock.service;

import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.config.Settings;
import dev.modeldock.conversion.EmbeddingModel;
import dev.modeldock.conversion.ExportOutcome;
import dev.modeldock.host.Extensions;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.NewVersion;
import dev.modeldock.registry.Registry;
import dev.modeldock.registry.StoredArtifact;
import dev.modeldock.registry.Version;
import dev.modeldock.source.ModelSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Converts a transformer with the engine and files the result as a new version: artifact,
 * metadata, configuration, lineage and validation report together, or nothing at all.
 */
public final class ConversionJob {
    private final Registry registry;
    private final Extensions extensions;
    private final Settings settings;
    private final Path workDir;

    /** @param workDir where conversions write before the artifact is stored */
    public ConversionJob(Registry registry, Extensions extensions, Settings settings, Path workDir) {
        this.registry = registry;
        this.extensions = extensions;
        this.settings = settings;
        this.workDir = workDir;
    }

    /** Checks the request before it is queued, so a bad one is a 400 and not a failed job. */
    public EmbeddingModel prepare(ConversionRequest request) {
        if (request.source() == null || request.source().isBlank()) {
            throw new ModelDockException("'source' is missing: give a hub id or a folder on the server");
        }
        Map<String, Object> overrides = request.config() == null ? Map.of() : request.config();
        EmbeddingModelConfig config = request.template() != null
                ? EmbeddingModelConfig.fromTemplate(request.template(), overrides)
                : EmbeddingModelConfig.preconfigured(ModelSource.resolve(request.source(), settings).hubId())
                        .orElseThrow(() -> new ModelDockException("'" + request.source() + "' is not a preconfigured"
                                + " model; give a 'template' (e.g. text) and 'config' with max_seq_length"))
                        .with(overrides);
        return new EmbeddingModel(request.source(), config, settings, extensions);
    }

    /** Runs the conversion and files the version; the model name was checked when the job was queued. */
    public Version run(String modelName, ConversionRequest request, EmbeddingModel model, String actor,
            JobContext context) throws IOException {
        Path scratch = Files.createDirectories(workDir).resolve("conversion-" + context.jobId());
        try {
            ExportOutcome outcome = model.export("model", "file", Map.of("output_dir", scratch.toString()),
                    (stage, fraction) -> context.report(stage, 0.85 * fraction));
            context.report("storing the artifact", 0.9);
            StoredArtifact artifact;
            try (InputStream in = Files.newInputStream(scratch.resolve("model.onnx"))) {
                artifact = registry.artifacts().put(in, outcome.receipt().sha256());
            }
            Path sourceFolder = ModelSource.resolve(request.source(), settings).folder().root();
            Map<String, Object> validation = new LinkedHashMap<>();
            validation.put("parity", outcome.parity() == null ? null : outcome.parity().toMap());
            validation.put("metadata", "checked: no errors");
            validation.put("embeddingWidth", outcome.width());
            Version version = registry.versions().create(modelName, new NewVersion(artifact.sha256(),
                    JsonText.of(model.configuration().toMap()),
                    JsonText.of(Lineage.converted(outcome.provenance(), sourceFolder, artifact.sha256())),
                    outcome.metadata(), JsonText.of(validation)), actor);
            context.log("filed as " + modelName + " version " + version.number());
            return version;
        } finally {
            ScratchSpace.delete(scratch);
        }
    }
}
