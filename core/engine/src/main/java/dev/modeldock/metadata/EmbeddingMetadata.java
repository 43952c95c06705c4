package dev.modeldock.metadata;

import dev.modeldock.artifact.Provenance;
import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.graph.PipelineAssembler;
import dev.modeldock.plan.PipelinePlan;
import dev.modeldock.transform.WeightFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Oracle import metadata of a converted embedding pipeline: the mapping of its one input to the
 * attribute DATA, its output, and the informational fields filled from the configuration.
 */
public final class EmbeddingMetadata {
    /** The attribute name the database scores on, as in Oracle's examples. */
    public static final String ATTRIBUTE = "DATA";

    private EmbeddingMetadata() {
    }

    /**
     * @param sha256     the pipeline file's SHA-256, recorded in modelDescription
     * @param provenance recorded in modelDescription in its one JSON form (configuration included)
     */
    public static OnnxMetadata of(PipelinePlan plan, String sha256, Provenance provenance) {
        EmbeddingModelConfig config = plan.config();
        Map<String, Object> implied = new LinkedHashMap<>();
        for (PipelinePlan.Step step : plan.steps()) {
            implied.putAll(step.processor().metadata(step.parameters()));
        }
        WeightFormat weights = WeightFormat.of(config);
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("description", "Text embedding pipeline for " + plan.model().folder().id() + ", "
                + plan.embeddingWidth() + " dimensions, " + weights.jsonName() + " weights, built by "
                + provenance.tool());
        description.put("sha256", sha256);
        // The encoder's weights; the tokenizer and post-processors are always float32.
        description.put("weights", weights.jsonName());
        description.put("provenance", provenance.toMap());
        return new OnnxMetadata(MlFunction.EMBEDDING.jsonName(),
                Map.of(PipelineAssembler.INPUT, List.of(ATTRIBUTE)),
                null, null, null, null, null, PipelineAssembler.OUTPUT, null, null, null,
                config.distanceMetrics().isEmpty() ? null : config.distanceMetrics().stream().map(Enum::name).toList(),
                Boolean.TRUE.equals(implied.get("normalization")),
                plan.maxSeqLength(),
                (String) implied.get("pooling"),
                description,
                config.languages().isEmpty() ? null : config.languages(),
                plan.tokenizer().name(),
                null);
    }
}
