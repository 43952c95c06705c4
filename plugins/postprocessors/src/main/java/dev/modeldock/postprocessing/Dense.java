package dev.modeldock.postprocessing;

import dev.modeldock.plugin.Activation;
import dev.modeldock.plugin.GraphBuilder;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.Parameters;
import dev.modeldock.plugin.PostProcessor;
import dev.modeldock.plugin.Setting;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * A fully connected layer on the sentence embedding, y = tanh(W x + b), with the weights of the
 * model's sentence-transformers Dense module (e.g. {@code 2_Dense/model.safetensors}).
 */
@Extension
public final class Dense implements PostProcessor {

    @Override
    public String name() {
        return "Dense";
    }

    @Override
    public Set<String> parameterNames() {
        return Set.of("in_features", "out_features", "bias", "activation_function");
    }

    @Override
    public List<Setting> parameters() {
        return List.of(Setting.of("in_features", Setting.Type.INTEGER, "the width of the embedding flowing in")
                        .asRequired(),
                Setting.of("out_features", Setting.Type.INTEGER, "the width of the embedding it produces").asRequired(),
                Setting.of("bias", Setting.Type.BOOLEAN, "whether the layer adds its linear.bias").withDefault("true"),
                Setting.of("activation_function", Setting.Type.STRING, "the activation after the layer; only Tanh")
                        .withDefault("Tanh"));
    }

    @Override
    public Activation check(Activation input, Parameters parameters, ModelFolder model) {
        DenseWeights weights = weights(parameters, model);
        if (input.perToken()) {
            throw new ModelDockException("Dense works on a sentence embedding; put a Pooling before it");
        }
        if (input.width() != weights.inFeatures()) {
            throw new ModelDockException("Dense in_features is " + weights.inFeatures() + " but the embedding"
                    + " flowing into it has " + input.width() + " values");
        }
        return new Activation(input.tensor(), weights.outFeatures(), false);
    }

    @Override
    public Activation append(GraphBuilder graph, Activation input, String attentionMask, Parameters parameters,
            ModelFolder model) {
        DenseWeights weights = weights(parameters, model);
        String y = graph.node("MatMul", input.tensor(), graph.constant("dense_weight", weights.transposed(),
                weights.inFeatures(), weights.outFeatures()));
        if (weights.bias() != null) {
            y = graph.node("Add", y, graph.constant("dense_bias", weights.bias(), weights.outFeatures()));
        }
        return new Activation(graph.node("Tanh", y), weights.outFeatures(), false);
    }

    @Override
    public float[][] evaluate(float[][] rows, Parameters parameters, ModelFolder model) {
        DenseWeights weights = weights(parameters, model);
        float[][] out = new float[rows.length][weights.outFeatures()];
        for (int r = 0; r < rows.length; r++) {
            for (int o = 0; o < weights.outFeatures(); o++) {
                double sum = weights.bias() == null ? 0 : weights.bias()[o];
                for (int i = 0; i < weights.inFeatures(); i++) {
                    sum += (double) weights.weight(o, i) * rows[r][i];
                }
                out[r][o] = (float) Math.tanh(sum);
            }
        }
        return out;
    }

    private static DenseWeights weights(Parameters parameters, ModelFolder model) {
        String activation = parameters.string("activation_function", "Tanh");
        if (!activation.equals("Tanh") && !activation.equals("torch.nn.modules.activation.Tanh")) {
            throw new ModelDockException("Dense activation_function '" + activation + "' is not supported; only"
                    + " Tanh is");
        }
        return DenseWeights.load(model, parameters.integer("in_features"), parameters.integer("out_features"),
                parameters.bool("bias", true));
    }
}
