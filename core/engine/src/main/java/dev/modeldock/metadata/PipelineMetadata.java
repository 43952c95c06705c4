package dev.modeldock.metadata;

import dev.modeldock.artifact.Provenance;
import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.graph.PipelineAssembler;
import dev.modeldock.plan.PipelineFunction;
import dev.modeldock.plan.PipelinePlan;
import dev.modeldock.transform.WeightFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Oracle import metadata of a converted pipeline. An embedding maps its one input to the
 * attribute DATA and names its vector output, with the vector's informational fields (pooling,
 * normalization, distance metrics). A reranker (function regression) maps its two inputs to DATA1
 * and DATA2, as OML4Py does, and names {@code logits} as its regression output. A classifier maps its
 * input to DATA, names {@code logits} as its probability output and lists its labels. All carry the
 * fields that describe the text side: maxSequenceLength, tokenizer, languages, modelDescription.
 */
public final class PipelineMetadata {
    /** The attribute name the database scores on, as in Oracle's examples. */
    public static final String ATTRIBUTE = "DATA";
    /** A text pair's attributes, as OML4Py names them: {@code USING :q AS DATA1, :p AS DATA2}. */
    public static final List<String> PAIR_ATTRIBUTES = List.of("DATA1", "DATA2");

    private PipelineMetadata() {
    }

    /**
     * @param sha256     the pipeline file's SHA-256, recorded in modelDescription
     * @param provenance recorded in modelDescription in its one JSON form (configuration included)
     */
    public static OnnxMetadata of(PipelinePlan plan, String sha256, Provenance provenance) {
        EmbeddingModelConfig config = plan.config();
        ImpliedMetadata implied = ImpliedMetadata.of(plan);
        WeightFormat weights = WeightFormat.of(config);
        PipelineFunction kind = plan.function();
        boolean embedding = kind == PipelineFunction.EMBEDDING;
        String output = PipelineAssembler.output(plan);
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("description", what(plan) + ", " + weights.jsonName() + " weights, built by "
                + provenance.tool());
        description.put("sha256", sha256);
        // The encoder's weights; the tokenizer and post-processors are always float32.
        description.put("weights", weights.jsonName());
        description.put("provenance", provenance.toMap());
        MlFunction function = MlFunction.fromJson(plan.function().jsonName()).orElseThrow();
        return new OnnxMetadata(function.jsonName(), input(plan),
                kind == PipelineFunction.REGRESSION ? output : null,
                kind == PipelineFunction.CLASSIFICATION ? output : null, null, null, null,
                embedding ? output : null,
                kind == PipelineFunction.CLASSIFICATION ? List.<Object>copyOf(plan.labels()) : null, null, null,
                !embedding || config.distanceMetrics().isEmpty() ? null
                        : config.distanceMetrics().stream().map(Enum::name).toList(),
                embedding ? implied.normalization() : null,
                plan.maxSeqLength(),
                implied.pooling(),
                description,
                config.languages().isEmpty() ? null : config.languages(),
                plan.tokenizer().name(),
                null);
    }

    private static String what(PipelinePlan plan) {
        String model = plan.model().folder().id();
        return switch (plan.function()) {
            case EMBEDDING -> "Text embedding pipeline for " + model + ", " + plan.outputWidth() + " dimensions";
            case REGRESSION -> "Text-pair reranker (regression) pipeline for " + model + ", one score per pair";
            case CLASSIFICATION -> "Text classification pipeline for " + model + ", " + plan.outputWidth()
                    + (plan.steps().isEmpty() ? " logits" : " probabilities") + " per text";
        };
    }

    /** Each pipeline input mapped to its attribute: DATA, or DATA1 and DATA2 for a pair. */
    private static Map<String, List<Object>> input(PipelinePlan plan) {
        List<String> inputs = PipelineAssembler.inputs(plan);
        List<String> attributes = inputs.size() == 1 ? List.of(ATTRIBUTE) : PAIR_ATTRIBUTES;
        Map<String, List<Object>> mapping = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            mapping.put(inputs.get(i), List.of(attributes.get(i)));
        }
        return mapping;
    }
}
