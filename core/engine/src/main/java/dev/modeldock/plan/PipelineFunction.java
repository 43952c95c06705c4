package dev.modeldock.plan;

import dev.modeldock.plugin.ModelDockException;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a converted pipeline computes, OML4Py's {@code ONNXPipeline(..., function=...)}: the shape of
 * its graph (inputs, head, output) and the Oracle {@code function} its metadata names. Only the
 * functions ModelDock builds pipelines for; the metadata layer maps each onto Oracle's own list.
 */
public enum PipelineFunction {
    /** One text in ({@code input}), one vector out ({@code embedding}), through post-processors. */
    EMBEDDING,
    /**
     * A reranker: a text pair in ({@code first_input}, {@code second_input}), tokenized together, and
     * the sequence-classification encoder's {@code logits} [batch, 1] out as they are.
     */
    REGRESSION,
    /**
     * A text classifier: one text in ({@code input}), the sequence-classification encoder's
     * {@code logits} [batch, labels] out, turned into probabilities by softmax unless the configuration's
     * post_processors are empty; the labels go in the metadata, not the graph.
     */
    CLASSIFICATION;

    /** The value Oracle's metadata and OML4Py use, e.g. "regression". */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the pipeline takes a text pair rather than one text. */
    public boolean takesPairs() {
        return this == REGRESSION;
    }

    /** Parses a user's value ("embedding", "regression", ...); anything else names the accepted ones. */
    public static PipelineFunction parse(String value) {
        return Arrays.stream(values()).filter(f -> f.jsonName().equals(value)).findFirst().orElseThrow(() ->
                new ModelDockException("unknown function '" + value + "'; ModelDock builds pipelines for "
                        + Arrays.stream(values()).map(PipelineFunction::jsonName).toList()));
    }
}
