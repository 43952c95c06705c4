package dev.modeldock.plan;

import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.host.Extensions;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Parameters;
import dev.modeldock.plugin.PostProcessor;
import dev.modeldock.source.HubModel;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks of a configuration against a model that need only the model's {@code config.json} and
 * {@code sentence_bert_config.json} and the plugins' declarations: neither the encoder's graph nor
 * ONNX Runtime. {@link PipelinePlan} runs them while planning; a server runs them before it queues a
 * conversion, so that a bad configuration is refused at once rather than found by a failed job.
 */
public final class ConfigurationCheck {
    private ConfigurationCheck() {
    }

    /** Checks max_seq_length and each post_processor entry; each problem is a {@link ModelDockException} naming it. */
    public static void check(HubModel model, EmbeddingModelConfig config, Extensions extensions) {
        maxSeqLength(model, config);
        for (Parameters parameters : config.postProcessors()) {
            postProcessor(parameters, extensions);
        }
    }

    /** max_seq_length: given, room for text between the special tokens, within the encoder's positions. */
    static int maxSeqLength(HubModel model, EmbeddingModelConfig config) {
        OptionalInt configured = config.maxSeqLength();
        if (configured.isEmpty()) {
            String hint = model.suggestedMaxSeqLength().isPresent()
                    ? " (the model's sentence_bert_config.json says " + model.suggestedMaxSeqLength().getAsInt() + ")"
                    : "";
            throw new ModelDockException("max_seq_length is required for a model that is not preconfigured" + hint);
        }
        int length = configured.getAsInt();
        if (length < 3) {
            throw new ModelDockException("max_seq_length " + length + " leaves no room for text between the two"
                    + " special tokens; use at least 3");
        }
        OptionalInt limit = model.maxTokens();
        if (limit.isPresent() && length > limit.getAsInt()) {
            throw new ModelDockException("max_seq_length " + length + " is above the encoder's "
                    + limit.getAsInt() + " positions (max_position_embeddings, or n_positions, in config.json)");
        }
        return length;
    }

    /** The post-processor a post_processors entry names, refusing parameters it does not take. */
    static PostProcessor postProcessor(Parameters parameters, Extensions extensions) {
        PostProcessor processor = extensions.postProcessor(parameters.name());
        Set<String> unknown = new TreeSet<>(parameters.asMap().keySet());
        unknown.remove("name");
        unknown.removeAll(processor.parameterNames());
        if (!unknown.isEmpty()) {
            throw new ModelDockException("post_processor " + parameters.name() + " has unknown parameter(s) "
                    + unknown + "; it takes " + new TreeSet<>(processor.parameterNames()));
        }
        return processor;
    }
}
