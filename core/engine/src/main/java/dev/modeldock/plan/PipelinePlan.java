package dev.modeldock.plan;

import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.host.Extensions;
import dev.modeldock.plugin.Activation;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Parameters;
import dev.modeldock.plugin.PostProcessor;
import dev.modeldock.plugin.Tokenizer;
import dev.modeldock.plugin.TokenizerOptions;
import dev.modeldock.source.EncoderGraph;
import dev.modeldock.source.HubModel;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A conversion with every decision made and checked before any graph is built: the function (which
 * decides the pipeline's inputs, the encoder output it starts from and its output), the tokenizer,
 * the post-processor chain with the width flowing through it, the sequence length and the opset.
 *
 * @param encoderWidth the last dimension of the encoder output the pipeline starts from
 * @param outputWidth  the last dimension of the pipeline's output (the embedding's, 1 for a score, the
 *                     number of labels for a classifier)
 * @param labels       a classifier's labels in logit order; empty for the other functions
 */
public record PipelinePlan(HubModel model, EncoderGraph encoder, EmbeddingModelConfig config,
        PipelineFunction function, int maxSeqLength, Tokenizer tokenizer, List<Step> steps, int encoderWidth,
        int outputWidth, int opset, List<String> labels) {

    /** What the configuration decides about tokenization, as the tokenizer plugin is given it. */
    public TokenizerOptions tokenizerOptions() {
        return new TokenizerOptions(config.doLowerCase(), maxSeqLength);
    }

    /** This plan with its encoder's weights let go ({@link EncoderGraph#withoutWeights()}), once they are assembled. */
    public PipelinePlan withoutEncoderWeights() {
        return new PipelinePlan(model, encoder.withoutWeights(), config, function, maxSeqLength, tokenizer, steps,
                encoderWidth, outputWidth, opset, labels);
    }

    /** One post-processor with its configuration entry. */
    public record Step(PostProcessor processor, Parameters parameters) {
    }

    /**
     * Names what the model's tokenizer files are, which tokenizers are installed, and the families
     * OML4Py takes, so that the user knows whether a plugin or another model is the way out.
     */
    private static ModelDockException unrecognisedTokenizer(HubModel model, Extensions extensions) {
        return new ModelDockException("no tokenizer plugin recognises the tokenizer files of model '"
                + model.folder().id() + "' (" + model.tokenizerDescription() + "); installed tokenizer plugins: "
                + extensions.tokenizers().stream().map(Tokenizer::name).toList() + ". OML4Py's tokenizer families"
                + " are BERT, GPT2, SENTENCEPIECE, CLIP and ROBERTA: install a tokenizer plugin for this model's"
                + " family, or convert a model whose tokenizer an installed plugin takes");
    }

    /**
     * The encoder output the pipeline starts from: the token embeddings, an output pooled inside the
     * encoder (CLIP's text_embeds), or a head's logits.
     */
    public String encoderOutput() {
        return function == PipelineFunction.EMBEDDING ? encoder.embeddingOutput() : EncoderGraph.LOGITS;
    }

    /** Whether the encoder output the pipeline starts from is one vector per text already (CLIP's text_embeds). */
    public boolean pooledByEncoder() {
        return function == PipelineFunction.EMBEDDING && encoder.pooledOutput().isPresent();
    }

    /** An embedding pipeline: {@link #create(HubModel, EncoderGraph, EmbeddingModelConfig, PipelineFunction, Extensions)}. */
    public static PipelinePlan create(HubModel model, EncoderGraph encoder, EmbeddingModelConfig config,
            Extensions extensions) {
        return create(model, encoder, config, PipelineFunction.EMBEDDING, extensions);
    }

    /** Resolves and checks everything; each problem is a {@link ModelDockException} naming it. */
    public static PipelinePlan create(HubModel model, EncoderGraph encoder, EmbeddingModelConfig config,
            PipelineFunction function, Extensions extensions) {
        FunctionCheck.check(function, model, encoder, config);
        int maxSeqLength = ConfigurationCheck.maxSeqLength(model, config);
        Tokenizer tokenizer = extensions.tokenizers().stream().filter(t -> t.recognizes(model.folder()))
                .findFirst().orElseThrow(() -> unrecognisedTokenizer(model, extensions));
        int opset = OpsetPolicy.builtIn().choose(encoder.opset(), encoder.operators());
        if (function == PipelineFunction.REGRESSION) {
            // The head's logits are the output as they are: one score per pair, no post-processing.
            return new PipelinePlan(model, encoder, config, function, maxSeqLength, tokenizer, List.of(), 1, 1,
                    opset, List.of());
        }
        boolean classifier = function == PipelineFunction.CLASSIFICATION;
        List<String> labels = classifier ? ClassifierHead.labels(model, encoder, config) : List.of();
        Activation flowing = classifier ? new Activation(EncoderGraph.LOGITS, labels.size(), false)
                : PooledOutput.start(model, encoder, config).orElseGet(() ->
                        new Activation(encoder.tokenEmbeddings(), encoderWidth(model, encoder), true));
        int width = flowing.width();
        List<Step> steps = new ArrayList<>();
        for (Parameters parameters : classifier ? ClassifierHead.postProcessors(config) : config.postProcessors()) {
            PostProcessor processor = ConfigurationCheck.postProcessor(parameters, extensions);
            flowing = processor.check(flowing, parameters, model.folder());
            steps.add(new Step(processor, parameters));
        }
        if (flowing.perToken()) {
            throw new ModelDockException("the post_processors leave one vector per token; add"
                    + " {\"name\": \"Pooling\", \"type\": \"mean\"} to get one embedding per text");
        }
        return new PipelinePlan(model, encoder, config, function, maxSeqLength, tokenizer, List.copyOf(steps), width,
                flowing.width(), opset, labels);
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
