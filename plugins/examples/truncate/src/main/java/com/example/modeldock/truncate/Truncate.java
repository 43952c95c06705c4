package com.example.modeldock.truncate;

import dev.modeldock.plugin.Activation;
import dev.modeldock.plugin.GraphBuilder;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.Parameters;
import dev.modeldock.plugin.PostProcessor;
import dev.modeldock.plugin.Setting;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Keeps the first {@code dimensions} values of a sentence embedding and scales them back to unit L2
 * length, as Matryoshka-trained models are meant to be shortened: a configuration entry
 * {@code {"name": "Truncate", "dimensions": 256}} after Pooling (and Normalize, if the model has it).
 */
@Extension
public final class Truncate implements PostProcessor {

    static final String DIMENSIONS = "dimensions";
    /** torch.nn.functional.normalize's floor for the norm, which keeps 0/0 out of the graph. */
    private static final float MIN_NORM = 1e-12f;

    @Override
    public String name() {
        return "Truncate";
    }

    @Override
    public Set<String> parameterNames() {
        return Set.of(DIMENSIONS);
    }

    @Override
    public List<Setting> parameters() {
        return List.of(Setting.of(DIMENSIONS, Setting.Type.INTEGER, "how many leading values of the embedding to"
                + " keep, from 1 to its width (Matryoshka truncation); the rest are dropped and the kept ones"
                + " re-normalised").asRequired());
    }

    @Override
    public Activation check(Activation input, Parameters parameters, ModelFolder model) {
        if (input.perToken()) {
            throw new ModelDockException("Truncate works on a sentence embedding, but it receives one vector per"
                    + " token; put a Pooling before it");
        }
        int dimensions = parameters.integer(DIMENSIONS);
        if (dimensions < 1 || dimensions > input.width()) {
            throw new ModelDockException("Truncate's \"dimensions\" is " + dimensions + ", but the embedding it"
                    + " receives has " + input.width() + " values; give a number from 1 to " + input.width());
        }
        return new Activation(input.tensor(), dimensions, false);
    }

    @Override
    public Activation append(GraphBuilder graph, Activation input, String attentionMask, Parameters parameters,
            ModelFolder model) {
        int dimensions = parameters.integer(DIMENSIONS);
        String lastAxis = graph.constant("last_axis", new long[] {-1}, 1);
        String kept = graph.node("Slice", input.tensor(), graph.constant("start", new long[] {0}, 1),
                graph.constant("dimensions", new long[] {dimensions}, 1), lastAxis);
        String sumOfSquares = graph.node("ReduceSum", List.of(graph.node("Mul", kept, kept), lastAxis),
                Map.of("keepdims", 1L));
        String norm = graph.node("Max", graph.node("Sqrt", sumOfSquares),
                graph.constant("min_norm", new float[] {MIN_NORM}));
        return new Activation(graph.node("Div", kept, norm), dimensions, false);
    }

    @Override
    public float[][] evaluate(float[][] rows, Parameters parameters, ModelFolder model) {
        int dimensions = parameters.integer(DIMENSIONS);
        float[][] out = new float[rows.length][dimensions];
        for (int r = 0; r < rows.length; r++) {
            double sum = 0;
            for (int i = 0; i < dimensions; i++) {
                sum += (double) rows[r][i] * rows[r][i];
            }
            float norm = (float) Math.max(Math.sqrt(sum), MIN_NORM);
            for (int i = 0; i < dimensions; i++) {
                out[r][i] = rows[r][i] / norm;
            }
        }
        return out;
    }

    /** The output has unit length whatever came in, so Oracle's metadata may say so. */
    @Override
    public Map<String, Object> metadata(Parameters parameters) {
        return Map.of("normalization", true);
    }
}
