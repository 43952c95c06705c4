package dev.modeldock.config;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Parameters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * How a transformer becomes an embedding pipeline: OML4Py's {@code EmbeddingModelConfig}.
 *
 * <p>Immutable; {@link #with(Map)} returns a copy with properties overridden. Properties use
 * OML4Py's snake_case names both in {@link #with(Map)} and in {@link #toMap()}, which is also the
 * JSON form stored beside every artifact.
 */
public final class EmbeddingModelConfig {

    /** Every property, in the order OML4Py documents them. */
    public static final List<String> PROPERTIES = List.of("post_processors", "max_seq_length", "do_lower_case",
            "quantize_model", "distance_metrics", "languages", "use_float16", "labels", "use_external_data");

    private final List<Parameters> postProcessors;
    private final Integer maxSeqLength;
    private final boolean doLowerCase;
    private final boolean quantizeModel;
    private final List<DistanceMetric> distanceMetrics;
    private final List<String> languages;
    private final boolean useFloat16;
    /** A classifier's labels, in logit order; null unless given (the model's id2label is used then). */
    private final List<String> labels;
    /** OML4Py 2.1.1's use_external_data; null for its default, which depends on the pipeline's size. */
    private final Boolean useExternalData;

    private EmbeddingModelConfig(List<Parameters> postProcessors, Integer maxSeqLength, boolean doLowerCase,
            boolean quantizeModel, List<DistanceMetric> distanceMetrics, List<String> languages, boolean useFloat16,
            List<String> labels, Boolean useExternalData) {
        if (quantizeModel && useFloat16) {
            throw new ModelDockException("quantize_model and use_float16 are both true; choose one: quantize_model for"
                    + " int8 weights (about a quarter of the float32 size, faster), use_float16 for float16 weights"
                    + " (half the size, cosine at least 0.999 against float32)");
        }
        this.postProcessors = List.copyOf(postProcessors);
        this.maxSeqLength = maxSeqLength;
        this.doLowerCase = doLowerCase;
        this.quantizeModel = quantizeModel;
        this.distanceMetrics = List.copyOf(distanceMetrics);
        this.languages = List.copyOf(languages);
        this.useFloat16 = useFloat16;
        this.labels = labels == null ? null : List.copyOf(labels);
        this.useExternalData = useExternalData;
    }

    /** Every property at its documented default: no post-processors, lowercase, nothing else. */
    public static EmbeddingModelConfig defaults() {
        return new EmbeddingModelConfig(List.of(), null, true, false, List.of(), List.of(), false, null, null);
    }

    /** A configuration from its JSON form; properties not given take their defaults. */
    public static EmbeddingModelConfig fromMap(Map<String, ?> properties) {
        return defaults().with(properties);
    }

    /**
     * The named template with {@code overrides} applied, as OML4Py's
     * {@code from_template(name, **kwargs)}.
     */
    public static EmbeddingModelConfig fromTemplate(String name, Map<String, ?> overrides) {
        return ConfigCatalog.template(name).with(overrides);
    }

    /** The names of the templates. */
    public static List<String> showTemplates() {
        return ConfigCatalog.templateNames();
    }

    /**
     * The preconfigured models, OML4Py's {@code show_preconfigured}: names only by default; with
     * {@code includeProperties}, a list holding one map from name to properties, restricted to
     * {@code modelName} when that is given.
     */
    public static List<Object> showPreconfigured(boolean includeProperties, String modelName) {
        if (!includeProperties) {
            return new ArrayList<>(ConfigCatalog.preconfiguredNames());
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String name : ConfigCatalog.preconfiguredNames()) {
            if (modelName == null || modelName.equals(name)) {
                properties.put(name, ConfigCatalog.preconfigured(name).orElseThrow().toMap());
            }
        }
        if (modelName != null && properties.isEmpty()) {
            throw new ModelDockException("'" + modelName + "' is not a preconfigured model; see 'preconfigured'");
        }
        return List.of(properties);
    }

    /**
     * The pipeline function a preconfigured model is converted with when it is not embedding, as
     * OML4Py preconfigures BAAI/bge-reranker-base with function regression; empty otherwise.
     */
    public static Optional<String> preconfiguredFunction(String modelName) {
        return ConfigCatalog.function(modelName);
    }

    /** The configuration of a preconfigured model, if {@code modelName} is one. */
    public static Optional<EmbeddingModelConfig> preconfigured(String modelName) {
        return ConfigCatalog.preconfigured(modelName);
    }

    /** A copy with the given properties replaced; unknown names and bad values are errors. */
    public EmbeddingModelConfig with(Map<String, ?> properties) {
        List<Parameters> post = postProcessors;
        Integer maxSeq = maxSeqLength;
        boolean lower = doLowerCase;
        boolean quantize = quantizeModel;
        List<DistanceMetric> metrics = distanceMetrics;
        List<String> langs = languages;
        boolean float16 = useFloat16;
        List<String> classes = labels;
        Boolean external = useExternalData;
        for (Map.Entry<String, ?> property : properties.entrySet()) {
            PropertyValue value = new PropertyValue(property.getKey(), property.getValue());
            switch (property.getKey()) {
                case "post_processors" -> post = value.list(Map.class).stream()
                        .map(entry -> new Parameters(PropertyValue.stringKeys(entry))).toList();
                case "max_seq_length" -> maxSeq = value.positiveInteger();
                case "do_lower_case" -> lower = value.bool();
                case "quantize_model" -> quantize = value.bool();
                case "distance_metrics" -> metrics = value.list(String.class).stream()
                        .map(DistanceMetric::parse).distinct().toList();
                case "languages" -> langs = value.nonBlankStrings().stream().map(String::trim).toList();
                case "use_float16" -> float16 = value.bool();
                case "labels" -> classes = distinctLabels(value.nonBlankStrings());
                case "use_external_data" -> external = value.bool();
                default -> throw new ModelDockException("unknown property '" + property.getKey() + "'; valid: "
                        + String.join(", ", PROPERTIES));
            }
        }
        return new EmbeddingModelConfig(post, maxSeq, lower, quantize, metrics, langs, float16, classes, external);
    }

    private static List<String> distinctLabels(List<String> labels) {
        if (labels.isEmpty() || labels.stream().distinct().count() != labels.size()) {
            throw new ModelDockException("labels " + labels + " must name each of the classifier's classes once, in"
                    + " the order of its logits (config.json's id2label order)");
        }
        return labels;
    }

    /**
     * The JSON form: every property by its snake_case name, unset max_seq_length, labels and
     * use_external_data left out. Each
     * post-processor entry lists its name first and its other keys by name, so that equal
     * configurations write the same JSON whatever order their entries were given in.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("post_processors", postProcessors.stream().map(EmbeddingModelConfig::canonical).toList());
        if (maxSeqLength != null) {
            map.put("max_seq_length", maxSeqLength);
        }
        map.put("do_lower_case", doLowerCase);
        map.put("quantize_model", quantizeModel);
        map.put("distance_metrics", distanceMetrics.stream().map(Enum::name).toList());
        map.put("languages", languages);
        map.put("use_float16", useFloat16);
        if (labels != null) {
            map.put("labels", labels);
        }
        if (useExternalData != null) {
            map.put("use_external_data", useExternalData);
        }
        return map;
    }

    private static Map<String, Object> canonical(Parameters entry) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("name", entry.name());
        ordered.putAll(new TreeMap<>(entry.asMap()));
        return Collections.unmodifiableMap(ordered);
    }

    public List<Parameters> postProcessors() {
        return postProcessors;
    }

    /** {@code max_seq_length}, which has no default: empty until set. */
    public OptionalInt maxSeqLength() {
        return maxSeqLength == null ? OptionalInt.empty() : OptionalInt.of(maxSeqLength);
    }

    public boolean doLowerCase() {
        return doLowerCase;
    }

    public boolean quantizeModel() {
        return quantizeModel;
    }

    public List<DistanceMetric> distanceMetrics() {
        return distanceMetrics;
    }

    public List<String> languages() {
        return languages;
    }

    public boolean useFloat16() {
        return useFloat16;
    }

    /** A classifier's labels as the configuration gives them, in logit order; empty until set. */
    public Optional<List<String>> labels() {
        return Optional.ofNullable(labels);
    }

    /**
     * {@code use_external_data} as given: true to keep the weights in a data file beside the ONNX file
     * (Oracle Database 26ai loads both), false for one file; empty for OML4Py's default, which
     * decides by the pipeline's size.
     */
    public Optional<Boolean> useExternalData() {
        return Optional.ofNullable(useExternalData);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EmbeddingModelConfig that && toMap().equals(that.toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }

    @Override
    public String toString() {
        return "EmbeddingModelConfig" + toMap();
    }
}
