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

/** Scales a sentence embedding to unit L2 length; a zero vector stays zero. */
@Extension
public final class Normalize implements PostProcessor {

    /** torch.nn.functional.normalize's floor for the norm, which keeps 0/0 out of the graph. */
    private static final float MIN_NORM = 1e-12f;

    @Override
    public String name() {
        return "Normalize";
    }

    @Override
    public Set<String> parameterNames() {
        return Set.of();
    }

    @Override
    public Activation check(Activation input, Parameters parameters, ModelFolder model) {
        if (input.perToken()) {
            throw new ModelDockException("Normalize works on a sentence embedding; put a Pooling before it");
        }
        return input;
    }

    @Override
    public Activation append(GraphBuilder graph, Activation input, String attentionMask, Parameters parameters,
            ModelFolder model) {
        String x = input.tensor();
        String sumOfSquares = graph.node("ReduceSum", List.of(graph.node("Mul", x, x),
                graph.constant("last_axis", new long[] {-1}, 1)), Map.of("keepdims", 1L));
        String norm = graph.node("Max", graph.node("Sqrt", sumOfSquares),
                graph.constant("min_norm", new float[] {MIN_NORM}));
        return new Activation(graph.node("Div", x, norm), input.width(), false);
    }

    @Override
    public float[][] evaluate(float[][] rows, Parameters parameters, ModelFolder model) {
        float[][] normalized = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            double sum = 0;
            for (float value : rows[r]) {
                sum += (double) value * value;
            }
            float norm = (float) Math.max(Math.sqrt(sum), MIN_NORM);
            normalized[r] = new float[rows[r].length];
            for (int i = 0; i < rows[r].length; i++) {
                normalized[r][i] = rows[r][i] / norm;
            }
        }
        return normalized;
    }

    @Override
    public Map<String, Object> metadata(Parameters parameters) {
        return Map.of("normalization", true);
    }
}
