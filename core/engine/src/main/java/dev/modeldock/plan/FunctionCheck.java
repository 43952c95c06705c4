package dev.modeldock.plan;

import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Parameters;
import dev.modeldock.source.EncoderGraph;
import dev.modeldock.source.HubModel;
import java.util.List;
import java.util.Optional;

/**
 * Whether the model is the kind the chosen function needs, checked before anything else: a
 * sequence-classification model converted as an embedding would pool its logits into nonsense, and
 * an embedding model converted as a reranker has no head to score with.
 */
final class FunctionCheck {
    private FunctionCheck() {
    }

    static void check(PipelineFunction function, HubModel model, EncoderGraph encoder, EmbeddingModelConfig config) {
        if (function != PipelineFunction.CLASSIFICATION && config.labels().isPresent()) {
            throw new ModelDockException("the configuration gives labels, which only a classifier has (function"
                    + " classification); remove labels to convert with function " + function.jsonName());
        }
        switch (function) {
            case EMBEDDING -> refuseClassificationHead(model, encoder);
            case REGRESSION -> {
                requireScoreHead(model, encoder);
                refusePostProcessors(function, config);
            }
            case CLASSIFICATION -> {
                // ClassifierHead checks the head as it reads the labels and resolves the post-processors.
            }
        }
    }

    /**
     * Refuses an encoder with a head: its logits are no embedding. A classifier checkpoint exported
     * without its head (config.json still naming *ForSequenceClassification, the encoder giving
     * last_hidden_state) embeds like any encoder; OML4Py's catalog uses ProsusAI/finbert that way.
     */
    private static void refuseClassificationHead(HubModel model, EncoderGraph encoder) {
        if (encoder.logits().isEmpty()) {
            return;
        }
        Optional<String> architecture = model.architectures().stream()
                .filter(name -> name.endsWith("ForSequenceClassification")).findFirst();
        throw new ModelDockException("model '" + model.folder().id() + "' is a sequence-classification model (its"
                + " encoder outputs " + EncoderGraph.LOGITS + architecture.map(name -> ", config.json names " + name)
                .orElse("") + "), not an embedding model: convert it with function regression (a reranker scoring"
                + " text pairs, --function regression) or classification (--function classification), or export"
                + " its encoder without the head (last_hidden_state) to embed with it");
    }

    private static void requireScoreHead(HubModel model, EncoderGraph encoder) {
        ValueInfoProto logits = encoder.logits().orElseThrow(() -> new ModelDockException("model '"
                + model.folder().id() + "' cannot be converted with function regression: its encoder has no "
                + EncoderGraph.LOGITS + " output (found " + encoder.outputNames() + (model.architectures().isEmpty()
                ? "" : ", config.json names " + model.architectures()) + "); a reranker needs a cross-encoder"
                + " (a *ForSequenceClassification model with one label). For an embedding model use function"
                + " embedding"));
        int labels = EncoderGraph.lastDimension(logits);
        int rank = logits.getType().getTensorType().getShape().getDimCount();
        if (rank != 2 || labels > 1) {
            throw new ModelDockException("model '" + model.folder().id() + "': function regression needs one score"
                    + " per pair, but the encoder's " + EncoderGraph.LOGITS + " has " + (rank != 2 ? "rank " + rank
                    : labels + " labels") + " (expected [batch, 1]); a model with several labels is a classifier");
        }
    }

    private static void refusePostProcessors(PipelineFunction function, EmbeddingModelConfig config) {
        List<Parameters> given = config.postProcessors();
        if (!given.isEmpty()) {
            throw new ModelDockException("function " + function.jsonName() + " outputs the model's "
                    + EncoderGraph.LOGITS + " as they are, so the configuration may not have post_processors, but it"
                    + " has " + given.stream().map(Parameters::name).toList() + ": give \"post_processors\": []");
        }
    }
}
