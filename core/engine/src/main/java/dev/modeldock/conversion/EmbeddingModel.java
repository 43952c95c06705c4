package dev.modeldock.conversion;

import dev.modeldock.artifact.Artifact;
import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.config.Settings;
import dev.modeldock.host.Extensions;
import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.plan.ConfigurationCheck;
import dev.modeldock.plan.PipelineFunction;
import dev.modeldock.plugin.ExportReceipt;
import dev.modeldock.plugin.ExportTarget;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Progress;
import dev.modeldock.source.HubModel;
import dev.modeldock.source.ModelSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A transformer to be turned into an ONNX embedding pipeline: OML4Py's {@code EmbeddingModel}.
 *
 * <p>A preconfigured model needs no configuration; any other model must come with one (typically
 * from {@link EmbeddingModelConfig#fromTemplate}).
 */
public final class EmbeddingModel {
    private final ModelSource source;
    private final EmbeddingModelConfig config;
    /** The plugins given, or null: load those of {@link Extensions#defaultFolder()} for each export. */
    private final Extensions extensions;
    /** Settings' ignore_quality_gate: keep an int8 or float16 pipeline below its gate. */
    private final boolean ignoreQualityGate;
    /** What the pipeline computes: an embedding, or a reranker's score (OML4Py's ONNXPipeline function). */
    private final PipelineFunction function;
    /** The Oracle release the pipeline is for, whose file size limit it must meet. */
    private final OracleRelease release;

    /**
     * OML4Py's {@code EmbeddingModel(model_name, configuration, settings)}, with the installed plugins:
     * each export loads those of {@link Extensions#defaultFolder()} and closes them when it is done,
     * so nothing needs closing here.
     */
    public EmbeddingModel(String modelName, EmbeddingModelConfig configuration, Settings settings) {
        this(modelName, configuration, settings, null);
    }

    /**
     * @param modelName     a folder in hub layout, or a hub id found under the cache folder
     * @param configuration how to convert it; null for a preconfigured model
     * @param settings      global settings (cache folder, logging, download behaviour)
     * @param extensions    the plugins to convert and export with, left open; null for the installed
     *                      ones, loaded for each export
     */
    public EmbeddingModel(String modelName, EmbeddingModelConfig configuration, Settings settings,
            Extensions extensions) {
        this(ModelSource.resolve(modelName, settings), configuration, extensions, settings.ignoreQualityGate());
    }

    /**
     * A model whose source the caller has already resolved: a server that confines sources to its
     * own folders, and names them in the provenance by their place there, resolves them itself.
     *
     * @param source        the model's folder; its {@link dev.modeldock.plugin.ModelFolder#id() id} is the
     *                      name the provenance records
     * @param configuration how to convert it; null for a preconfigured model
     * @param extensions    the plugins to convert and export with, left open; null for the installed ones
     */
    public EmbeddingModel(ModelSource source, EmbeddingModelConfig configuration, Extensions extensions) {
        this(source, configuration, extensions, false);
    }

    /**
     * The same, saying whether an int8 or float16 pipeline below its quality gate is kept (settings'
     * {@code ignore_quality_gate}) rather than refused.
     */
    public EmbeddingModel(ModelSource source, EmbeddingModelConfig configuration, Extensions extensions,
            boolean ignoreQualityGate) {
        this(source, configuration, extensions, ignoreQualityGate, PipelineFunction.EMBEDDING);
    }

    /**
     * The same for the given function, OML4Py's {@code ONNXPipeline(..., function=...)}: an embedding
     * pipeline, a reranker (regression) built from a cross-encoder, scoring text pairs, or a text
     * classifier (classification) built from a sequence-classification model.
     */
    public EmbeddingModel(ModelSource source, EmbeddingModelConfig configuration, Extensions extensions,
            boolean ignoreQualityGate, PipelineFunction function) {
        this.source = source;
        this.function = function;
        this.config = configuration != null ? configuration
                : EmbeddingModelConfig.preconfigured(source.hubId()).orElseThrow(() -> new ModelDockException(
                        "'" + source.folder().id() + "' is not a preconfigured model, so it needs a configuration"
                                + " (e.g. the 'text' template with max_seq_length)"));
        if (configuration == null) {
            refuseOtherThanPreconfigured(source.hubId(), function);
        }
        this.extensions = extensions;
        this.ignoreQualityGate = ignoreQualityGate;
        this.release = OracleRelease.DEFAULT;
    }

    private EmbeddingModel(EmbeddingModel model, OracleRelease release) {
        this.source = model.source;
        this.config = model.config;
        this.extensions = model.extensions;
        this.ignoreQualityGate = model.ignoreQualityGate;
        this.function = model.function;
        this.release = Objects.requireNonNull(release, "release");
    }

    /**
     * This model converted for {@code release} instead: a pipeline over that release's file size
     * limit (1 GB for 23ai, the default; 2 GB for 26ai) is refused.
     */
    public EmbeddingModel forRelease(OracleRelease release) {
        return new EmbeddingModel(this, release);
    }

    /** The Oracle release the pipeline is converted for. */
    public OracleRelease release() {
        return release;
    }

    /**
     * Refuses to convert a preconfigured model with a function other than its preconfiguration's (a
     * preconfigured reranker as an embedding, say), naming the one it is for on the command line and
     * in the API. Only a conversion with the catalog's configuration is held to it.
     */
    public static void refuseOtherThanPreconfigured(String hubId, PipelineFunction function) {
        String preconfigured = EmbeddingModelConfig.preconfiguredFunction(hubId)
                .orElse(PipelineFunction.EMBEDDING.jsonName());
        if (!preconfigured.equals(function.jsonName())) {
            throw new ModelDockException("'" + hubId + "' is preconfigured for function " + preconfigured + ", not "
                    + function.jsonName() + ": convert it with function " + preconfigured + " (--function "
                    + preconfigured + " on the command line, \"function\": \"" + preconfigured + "\" in the API), or"
                    + " give a configuration of your own");
        }
    }

    /** What the pipeline computes. */
    public PipelineFunction function() {
        return function;
    }

    public EmbeddingModelConfig configuration() {
        return config;
    }

    /** Whether an int8 or float16 pipeline below its quality gate is kept rather than refused. */
    public boolean ignoresQualityGate() {
        return ignoreQualityGate;
    }

    /** The model folder this converts, as resolved when it was made. */
    public ModelSource source() {
        return source;
    }

    /**
     * Checks the configuration against the model's config.json and the plugins (max_seq_length within
     * the encoder's positions, post-processors and their parameters) without reading the encoder or
     * running ONNX Runtime: what a conversion would refuse first, found in a moment.
     *
     * @throws ModelDockException naming the first problem
     */
    public void checkConfiguration() {
        PipelineLayout.refuseUnloadableExternalData(config, release);
        HubModel model = HubModel.open(source.folder());
        if (extensions != null) {
            ConfigurationCheck.check(model, config, extensions);
            return;
        }
        try (Extensions installed = Extensions.load()) {
            ConfigurationCheck.check(model, config, installed);
        }
    }

    /**
     * Converts and checks the pipeline, staging it in the system's temporary folder. The caller owns
     * the artifact and closes it.
     */
    public Artifact convert(Progress progress) throws IOException {
        return convert(null, progress);
    }

    /**
     * Converts and checks the pipeline, staging it in a new folder under {@code stagingParent} (null:
     * the system's temporary folder). The caller owns the artifact and closes it.
     */
    public Artifact convert(Path stagingParent, Progress progress) throws IOException {
        if (extensions != null) {
            return Conversion.run(source, config, function, release, extensions, stagingParent, ignoreQualityGate,
                    progress);
        }
        try (Extensions installed = Extensions.load()) {
            return Conversion.run(source, config, function, release, installed, stagingParent, ignoreQualityGate,
                    progress);
        }
    }

    /** Writes {@code exportName.onnx} and {@code exportName.json} into {@code outputDir}, OML4Py's export2file. */
    public ExportReceipt exportToFile(String exportName, Path outputDir, Progress progress) throws IOException {
        return export(exportName, "file", Map.of("output_dir", outputDir.toString()), progress);
    }

    /**
     * Loads the pipeline into Oracle Database as mining model {@code modelName} ({@code [schema.]name}),
     * OML4Py's export2db, through the {@code oracle} export target.
     *
     * @param profile a connection profile file (url, user, and where the password comes from)
     * @param replace drop an existing model of that name first; otherwise an existing one is an error
     */
    public ExportReceipt exportToDatabase(String modelName, Path profile, boolean replace, Progress progress)
            throws IOException {
        return export(modelName, "oracle", Map.of("profile", profile.toString(), "replace", String.valueOf(replace)),
                progress);
    }

    /**
     * Converts, checks and hands the pipeline to the named export target; the staged artifact is
     * deleted afterwards. Use {@link #convert} to keep the artifact (its provenance, its parity report).
     */
    public ExportReceipt export(String exportName, String targetName, Map<String, String> targetSettings,
            Progress progress) throws IOException {
        if (extensions != null) {
            return export(extensions, exportName, targetName, targetSettings, progress);
        }
        try (Extensions installed = Extensions.load()) {
            return export(installed, exportName, targetName, targetSettings, progress);
        }
    }

    private ExportReceipt export(Extensions extensions, String exportName, String targetName,
            Map<String, String> targetSettings, Progress progress) throws IOException {
        ExportTarget target = extensions.exportTarget(targetName);
        target.check(exportName, targetSettings); // a bad name fails now, not after the conversion
        try (Artifact artifact = Conversion.run(source, config, function, release, extensions, null,
                ignoreQualityGate, progress)) {
            return artifact.handOverTo(target, exportName, targetSettings, progress);
        }
    }
}
