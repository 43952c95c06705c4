package dev.modeldock.service;

import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.conversion.EmbeddingModel;
import dev.modeldock.host.Extensions;
import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.metadata.SizeAdvice;
import dev.modeldock.plan.PipelineFunction;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.NewVersion;
import dev.modeldock.registry.Registry;
import dev.modeldock.registry.StoredArtifact;
import dev.modeldock.registry.Version;
import dev.modeldock.service.isolation.ConvertedModel;
import dev.modeldock.service.isolation.IsolatedRuntime;
import dev.modeldock.source.ModelSource;
import dev.modeldock.transform.WeightFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Converts a transformer with the engine, in a child process ({@link IsolatedRuntime}: ONNX Runtime
 * validates the pipeline on the model's weights), and files the result as a new version: artifact,
 * metadata, configuration, lineage (the artifact's provenance) and validation report together, or
 * nothing at all. The child's artifact is streamed straight into the artifact store. A hub id the
 * cache lacks is downloaded first, by the job, its progress in the job's events.
 */
final class ConversionJob {
    /** The part of a job's progress a hub download takes, when the job has one. */
    private static final double DOWNLOAD_SHARE = 0.15;
    /** Where conversion ends and storing begins. */
    private static final double CONVERTED = 0.85;

    /**
     * A conversion checked before it is queued: the model, or the hub id the job downloads first and
     * the configuration (checked against the model's files once they are there), whether a
     * pipeline below its quality gate is kept, and the pipeline's function.
     */
    record Prepared(EmbeddingModel model, String repoId, String revision, EmbeddingModelConfig config,
            boolean ignoreQualityGate, PipelineFunction function, OracleRelease release) {
        static Prepared ready(EmbeddingModel model) {
            return new Prepared(model, null, null, model.configuration(), model.ignoresQualityGate(),
                    model.function(), model.release());
        }

        static Prepared download(String repoId, String revision, EmbeddingModelConfig config,
                boolean ignoreQualityGate, PipelineFunction function, OracleRelease release) {
            return new Prepared(null, repoId, revision, config, ignoreQualityGate, function, release);
        }
    }

    private final Registry registry;
    private final Extensions extensions;
    private final HubSources sources;
    private final IsolatedRuntime isolated;

    /** @param sources where sources are found, and hub ids downloaded to */
    ConversionJob(Registry registry, Extensions extensions, HubSources sources, IsolatedRuntime isolated) {
        this.registry = registry;
        this.extensions = extensions;
        this.sources = sources;
        this.isolated = isolated;
    }

    /**
     * Checks the request before it is queued, so a bad one is a 400 and not a failed job. A hub id
     * the cache lacks is not downloaded here: its syntax and configuration are checked, and the job
     * downloads it.
     */
    Prepared prepare(ConversionRequest request) {
        if (request.source() == null || request.source().isBlank()) {
            throw new ModelDockException("'source' is missing: give a hub id or a folder on the server");
        }
        PipelineFunction function = request.pipelineFunction();
        OracleRelease release = request.release();
        Map<String, Object> overrides = request.config() == null ? Map.of() : request.config();
        HubSources.Lookup source = sources.find(request.source(), request.revision());
        EmbeddingModelConfig config = FunctionConfiguration.applied(function, overrides, request.template() != null
                ? EmbeddingModelConfig.fromTemplate(request.template(), overrides)
                : EmbeddingModelConfig.preconfigured(source.hubId())
                        .orElseThrow(() -> new ModelDockException("'" + request.source() + "' is not a preconfigured"
                                + " model; give a 'template' (e.g. text) and 'config' with max_seq_length"))
                        .with(overrides));
        if (request.template() == null) {
            EmbeddingModel.refuseOtherThanPreconfigured(source.hubId(), function);
        }
        if (source.found() == null) {
            return Prepared.download(source.repoId(), source.revision(), config, request.ignoresQualityGate(),
                    function, release);
        }
        return Prepared.ready(checked(source.found(), config, request.ignoresQualityGate(), function, release));
    }

    /**
     * Downloads the model if it must, runs the conversion and files the version; the model name was
     * checked when the job was queued.
     *
     * @param prepared the conversion {@link #prepare} checked, its source confined to the roots; the
     *                 child converts that folder, by its real path
     */
    Version run(String modelName, Prepared prepared, String actor, JobContext context) throws IOException {
        EmbeddingModel model = prepared.model();
        double start = 0;
        if (model == null) {
            model = checked(sources.download(prepared.repoId(), prepared.revision(), context, DOWNLOAD_SHARE),
                    prepared.config(), prepared.ignoreQualityGate(), prepared.function(), prepared.release());
            start = DOWNLOAD_SHARE;
        }
        double from = start;
        try (ConvertedModel artifact = isolated.convert(model,
                (stage, fraction) -> context.report(stage, from + (CONVERTED - from) * fraction))) {
            context.report("storing the artifact", 0.9);
            StoredArtifact stored;
            try (InputStream in = Files.newInputStream(artifact.file())) {
                stored = registry.artifacts().put(in, artifact.sha256());
            }
            Map<String, Object> validation = new LinkedHashMap<>();
            validation.put("parity", artifact.parity());
            validation.put("metadata", "checked: no errors");
            // A reranker's or classifier's output is no vector: no width to record.
            artifact.dimensions().ifPresent(width -> validation.put("embeddingWidth", width));
            // Against the float32 pipeline, for an int8 or float16 one; null for float32.
            validation.put("quality", artifact.quality());
            validation.put("sizeNotes", SizeAdvice.notes(Files.size(artifact.file()),
                    WeightFormat.of(model.configuration())));
            // The release whose limits the pipeline was checked against; a deployment defaults to it.
            validation.put("targetRelease", model.release().number());
            Version version = registry.versions().create(modelName, new NewVersion(stored.sha256(),
                    Json.write(model.configuration().toMap()), Json.write(artifact.provenance()),
                    artifact.metadata(), Json.write(validation), VersionFiles.json(artifact.packaged())), actor);
            context.log("filed as " + modelName + " version " + version.number());
            return version;
        }
    }

    /**
     * The model, its configuration checked against its files and the plugins; whether the model suits
     * the function needs its encoder's graph, which only the job's child reads.
     */
    private EmbeddingModel checked(ModelSource source, EmbeddingModelConfig config, boolean ignoreQualityGate,
            PipelineFunction function, OracleRelease release) {
        EmbeddingModel model = new EmbeddingModel(source, config, extensions, ignoreQualityGate, function)
                .forRelease(release);
        model.checkConfiguration();
        return model;
    }
}
