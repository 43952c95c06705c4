package dev.modeldock.plan;

import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Parameters;
import dev.modeldock.source.EncoderGraph;
import dev.modeldock.source.HubModel;
import java.util.List;
import java.util.Map;

/**
 * What a classification pipeline makes of a sequence-classification head: the labels, one per logit,
 * which go in the metadata (Oracle's PREDICTION returns them), and the post-processing, softmax
 * unless the configuration turns it off.
 */
final class ClassifierHead {
    /** OML4Py applies softmax to a classifier's logits by default. */
    static final Parameters SOFTMAX = new Parameters(Map.of("name", "Softmax"));

    private ClassifierHead() {
    }

    /**
     * The configuration's {@code labels}, else config.json's {@code id2label} in id order; either way
     * as many as the head has logits.
     */
    static List<String> labels(HubModel model, EncoderGraph encoder, EmbeddingModelConfig config) {
        ValueInfoProto logits = encoder.logits().orElseThrow(() -> new ModelDockException("model '"
                + model.folder().id() + "' cannot be converted with function classification: its encoder has no "
                + EncoderGraph.LOGITS + " output (found " + encoder.outputNames() + "); a classifier needs a"
                + " *ForSequenceClassification model. For an embedding model use function embedding"));
        int rank = logits.getType().getTensorType().getShape().getDimCount();
        int declared = EncoderGraph.lastDimension(logits);
        if (rank != 2 || declared == 1) {
            throw new ModelDockException("model '" + model.folder().id() + "': function classification needs one"
                    + " logit per label, but the encoder's " + EncoderGraph.LOGITS + " has " + (rank != 2 ? "rank "
                    + rank + " (expected [batch, labels])" : "one value per text: a one-label head scores, so"
                    + " convert it with function regression"));
        }
        List<String> labels = config.labels().or(model::labels).orElseThrow(() -> new ModelDockException("model '"
                + model.folder().id() + "' names no labels: config.json has no id2label; give the labels in the"
                + " configuration's labels property, in the order of the model's logits"));
        if (labels.stream().distinct().count() != labels.size()) {
            throw new ModelDockException("model '" + model.folder().id() + "': config.json's id2label names a label"
                    + " twice " + labels + ", so PREDICTION could not tell them apart; give distinct labels in the"
                    + " configuration's labels property");
        }
        if (labels.size() < 2 || (declared > 0 && declared != labels.size())) {
            throw new ModelDockException("model '" + model.folder().id() + "': " + labels.size() + " label(s) "
                    + labels + " for a head with " + (declared > 0 ? declared : "an unknown number of") + " logits;"
                    + " a classifier needs one label per logit, at least two");
        }
        return labels;
    }

    /**
     * The post-processors a classifier gets: none when the configuration gives an empty list, softmax
     * when it names only Softmax or gives the text template's embedding chain (Pooling and Normalize
     * act on token embeddings, which a classifier's output is not; OML4Py converts classifiers from
     * that template too).
     */
    static List<Parameters> postProcessors(EmbeddingModelConfig config) {
        List<Parameters> given = config.postProcessors();
        List<String> names = given.stream().map(Parameters::name).toList();
        if (names.isEmpty() || names.equals(List.of(SOFTMAX.name()))) {
            return given;
        }
        if (given.equals(EmbeddingModelConfig.fromTemplate("text", Map.of()).postProcessors())) {
            return List.of(SOFTMAX);
        }
        throw new ModelDockException("function classification outputs the head's " + EncoderGraph.LOGITS + " as"
                + " probabilities, so its post_processors may only be [{\"name\": \"Softmax\"}] (the default) or []"
                + " (raw logits), but the configuration has " + names);
    }
}
