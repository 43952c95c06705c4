package dev.modeldock.plan;

import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.host.Extensions;
import dev.modeldock.plugin.Activation;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Parameters;
import dev.modeldock.plugin.PostProcessor;
import dev.modeldock.plugin.Tokenizer;
import dev.modeldock.source.EncoderGraph;
import dev.modeldock.source.HubModel;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * A conversion with every decision made and checked before any graph is built: the tokenizer, the
 * post-processor chain with the width flowing through it, the sequence length and the opset.
 */
public record PipelinePlan(HubModel model, EncoderGraph encoder, EmbeddingModelConfig config, int maxSeqLength,
        Tokenizer tokenizer, List<Step> steps, int encoderWidth, int embeddingWidth, int opset) {

    /** One post-processor with its configuration entry. */
    public record Step(PostProcessor processor, Parameters parameters) {
    }

    /** Resolves and checks everything; each problem is a {@link ModelDockException} naming it. */
    public static PipelinePlan create(HubModel model, EncoderGraph encoder, EmbeddingModelConfig config,
            Extensions extensions) {
        int maxSeqLength = maxSeqLength(model, config);
        Tokenizer tokenizer = extensions.tokenizers().stream().filter(t -> t.recognizes(model.folder()))
                .findFirst().orElseThrow(() -> new ModelDockException("no tokenizer plugin recognises the tokenizer"
                        + " files of model '" + model.folder().id() + "' (installed: " + extensions.tokenizers().stream()
                        .map(Tokenizer::name).toList() + ")"));
        int width = encoderWidth(model, encoder);
        Activation flowing = new Activation(encoder.tokenEmbeddings(), width, true);
        List<Step> steps = new ArrayList<>();
        for (Parameters parameters : config.postProcessors()) {
            PostProcessor processor = extensions.postProcessor(parameters.name());
            Set<String> unknown = new TreeSet<>(parameters.asMap().keySet());
            unknown.remove("name");
            unknown.removeAll(processor.parameterNames());
            if (!unknown.isEmpty()) {
                throw new ModelDockException("post_processor " + parameters.name() + " has unknown parameter(s) "
                        + unknown + "; it takes " + new TreeSet<>(processor.parameterNames()));
            }
            flowing = processor.check(flowing, parameters, model.folder());
            steps.add(new Step(processor, parameters));
        }
        if (flowing.perToken()) {
            throw new ModelDockException("the post_processors leave one vector per token; add"
                    + " {\"name\": \"Pooling\", \"type\": \"mean\"} to get one embedding per text");
        }
        int opset = OpsetPolicy.builtIn().choose(encoder.opset(), encoder.operators());
        return new PipelinePlan(model, encoder, config, maxSeqLength, tokenizer, List.copyOf(steps), width,
                flowing.width(), opset);
    }

    private static int maxSeqLength(HubModel model, EmbeddingModelConfig config) {
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
                    + limit.getAsInt() + " positions (max_position_embeddings in config.json)");
        }
        return length;
    }

    private static int encoderWidth(HubModel model, EncoderGraph encoder) {
        OptionalInt configured = model.hiddenSize();
        int declared = encoder.declaredWidth();
        if (configured.isPresent() && declared > 0 && configured.getAsInt() != declared) {
            throw new ModelDockException("config.json says hidden_size " + configured.getAsInt()
                    + " but the encoder's output " + encoder.tokenEmbeddings() + " has " + declared);
        }
        if (configured.isEmpty() && declared <= 0) {
            throw new ModelDockException("cannot tell the encoder's hidden size: config.json has no hidden_size and"
                    + " the output " + encoder.tokenEmbeddings() + " has no fixed last dimension");
        }
        return configured.isPresent() ? configured.getAsInt() : declared;
    }
}
