package dev.modeldock.cli;

import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.config.LogLevel;
import dev.modeldock.config.Settings;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.source.ModelSource;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** The options that name a model, its configuration and the settings, shared by export and benchmark. */
public final class ModelOptions {
    @Option(names = "--model", paramLabel = "DIR_OR_ID",
            description = "A folder in Hugging Face hub layout, or a hub id (org/name[@revision]); export downloads"
                    + " a hub id into the cache folder in the hub's layout (HF_ENDPOINT, HF_TOKEN, HF_HUB_OFFLINE apply).")
    String model;

    @Option(names = "--template", paramLabel = "NAME",
            description = "Start from this template; --config's properties override it.")
    String template;

    @Option(names = "--config", paramLabel = "FILE.json|JSON",
            description = "Configuration properties (snake_case JSON) overriding the template or preconfigured ones:"
                    + " a file, or the JSON object itself when the value starts with '{'.")
    String config;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Model cache (default: ~/.cache/modeldock).")
    Path cacheDir;

    @Option(names = "--force-download", description = "Download model files again even if cached.")
    boolean forceDownload;

    @Option(names = "--ignore-checksum-error", description = "Use a preconfigured model whose files are not the pinned ones (a warning, kept in the provenance) instead of refusing it.")
    boolean ignoreChecksumError;

    @Option(names = "--ignore-quality-gate", description = "Keep an int8 (quantize_model) or float16 (use_float16) pipeline"
            + " whose vectors are further from the float32 pipeline's than the gate allows (mean cosine 0.98 for int8,"
            + " 0.999 for float16); the provenance records the waiver.")
    boolean ignoreQualityGate;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "DEBUG, INFO, WARNING, ERROR (default), CRITICAL"
            + " for ModelDock's own steps; the libraries underneath stay at INFO at most (ONNX Runtime at WARNING)."
            + " all=LEVEL (e.g. all=DEBUG) sets theirs to LEVEL too.")
    String logLevel;

    /** The model, which the command needs. */
    public String requireModel() {
        if (model == null) {
            throw new ModelDockException("--model is required: a folder in hub layout or a hub id");
        }
        return model;
    }

    public Settings settings() {
        Map<String, Object> values = new LinkedHashMap<>();
        if (cacheDir != null) {
            values.put("cache_dir", cacheDir.toString());
        }
        if (logLevel != null) {
            values.put("logging_level", LogLevel.parse(Logging.level(logLevel)).name());
        }
        values.put("force_download", forceDownload);
        values.put("ignore_checksum_error", ignoreChecksumError);
        values.put("ignore_quality_gate", ignoreQualityGate);
        return Settings.fromMap(values);
    }

    /** Whether --log-level asked for every library's logs too (all=LEVEL). */
    public boolean logEverything() {
        return Logging.everything(logLevel);
    }

    /** --template's configuration, else the preconfigured model's, overridden by --config's properties. */
    public EmbeddingModelConfig configuration(Settings settings) {
        return configuration(() -> ModelSource.resolve(requireModel(), settings));
    }

    /** The same, for a model whose source is already resolved (downloaded from the hub, say). */
    public EmbeddingModelConfig configuration(ModelSource source) {
        return configuration(() -> source);
    }

    private EmbeddingModelConfig configuration(Supplier<ModelSource> source) {
        Map<String, Object> overrides = config == null ? Map.of() : configProperties(config);
        if (template != null) {
            return EmbeddingModelConfig.fromTemplate(template, overrides);
        }
        String hubId = source.get().hubId();
        return EmbeddingModelConfig.preconfigured(hubId).orElseThrow(() -> new ModelDockException(
                "'" + model + "' is not a preconfigured model; give --template text (and max_seq_length in --config)"))
                .with(overrides);
    }

    /** Inline JSON when the value starts with '{' (no file name does in practice), else a file's. */
    private static Map<String, Object> configProperties(String value) {
        if (value.stripLeading().startsWith("{")) {
            return Json.readObject(value, "--config's inline JSON");
        }
        Path file;
        try {
            file = Path.of(value);
        } catch (InvalidPathException e) {
            throw new ModelDockException("--config '" + value + "' is neither a file name nor inline JSON (which"
                    + " starts with '{')");
        }
        return Json.readObject(file);
    }
}
