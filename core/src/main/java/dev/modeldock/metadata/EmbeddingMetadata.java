package dev.modeldock.metadata;

import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.pipeline.PipelineAssembler;
import dev.modeldock.pipeline.PipelinePlan;
import dev.modeldock.provenance.Provenance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Oracle import metadata of a converted embedding pipeline, the document given to
 * {@code DBMS_VECTOR.LOAD_ONNX_MODEL}. Field names are Oracle's and case-sensitive.
 */
public final class EmbeddingMetadata {
    /** The attribute name the database scores on, as in Oracle's examples. */
    public static final String ATTRIBUTE = "DATA";

    private EmbeddingMetadata() {
    }

    /**
     * @param sha256 the pipeline file's SHA-256, recorded with the provenance in modelDescription
     */
    public static Map<String, Object> of(PipelinePlan plan, String sha256, Provenance provenance) {
        EmbeddingModelConfig config = plan.config();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("function", "embedding");
        metadata.put("embeddingOutput", PipelineAssembler.OUTPUT);
        metadata.put("input", Map.of(PipelineAssembler.INPUT, List.of(ATTRIBUTE)));
        metadata.put("maxSequenceLength", plan.maxSeqLength());
        metadata.put("tokenizer", plan.tokenizer().name());
        if (!config.distanceMetrics().isEmpty()) {
            metadata.put("suitableDistanceMetrics", config.distanceMetrics().stream().map(Enum::name).toList());
        }
        metadata.put("normalization", false);
        for (PipelinePlan.Step step : plan.steps()) {
            metadata.putAll(step.processor().metadata(step.parameters()));
        }
        if (!config.languages().isEmpty()) {
            metadata.put("languages", config.languages());
        }
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("description", "Text embedding pipeline for " + plan.model().folder().id() + ", "
                + plan.embeddingWidth() + " dimensions, built by " + provenance.tool());
        description.put("sha256", sha256);
        description.put("provenance", provenance.toMap());
        description.put("configuration", config.toMap());
        metadata.put("modelDescription", description);
        return metadata;
    }
}
