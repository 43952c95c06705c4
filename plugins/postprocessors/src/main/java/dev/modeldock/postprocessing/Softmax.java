package dev.modeldock.postprocessing;

import dev.modeldock.plugin.Activation;
import dev.modeldock.plugin.GraphBuilder;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.Parameters;
import dev.modeldock.plugin.PostProcessor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Turns a classifier's logits into probabilities over its labels, as OML4Py's classification
 * pipelines do by default: the values of each row become positive and sum to 1.
 */
@Extension
public final class Softmax implements PostProcessor {

    @Override
    public String name() {
        return "Softmax";
    }

    @Override
    public Set<String> parameterNames() {
        return Set.of();
    }

    @Override
    public Activation check(Activation input, Parameters parameters, ModelFolder model) {
        if (input.perToken()) {
            throw new ModelDockException("Softmax works on one row of logits per text (a classification head's"
                    + " output), not on token embeddings");
        }
        return input;
    }

    @Override
    public Activation append(GraphBuilder graph, Activation input, String attentionMask, Parameters parameters,
            ModelFolder model) {
        // axis -1 means the labels at every opset: before opset 13 the input is read as [batch, labels].
        return new Activation(graph.node("Softmax", List.of(input.tensor()), Map.of("axis", -1L)), input.width(),
                false);
    }

    @Override
    public float[][] evaluate(float[][] rows, Parameters parameters, ModelFolder model) {
        float[][] probabilities = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (float value : rows[r]) {
                max = Math.max(max, value);
            }
            double sum = 0;
            double[] exponentials = new double[rows[r].length];
            for (int i = 0; i < exponentials.length; i++) {
                exponentials[i] = Math.exp(rows[r][i] - max); // shifted by the maximum, so nothing overflows
                sum += exponentials[i];
            }
            probabilities[r] = new float[exponentials.length];
            for (int i = 0; i < exponentials.length; i++) {
                probabilities[r][i] = (float) (exponentials[i] / sum);
            }
        }
        return probabilities;
    }
}
