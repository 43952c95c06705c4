package ${package};

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
 * Multiplies a sentence embedding by a whole {@code factor}: a configuration entry
 * {@code {"name": "${stepName}", "factor": 2}} after Pooling. Replace it with your step, keeping its
 * two forms, the graph nodes of {@code append} and the plain Java of {@code evaluate}, computing the
 * same thing.
 */
@Extension
public final class ${stepName} implements PostProcessor {

    static final String FACTOR = "factor";

    @Override
    public String name() {
        return "${stepName}";
    }

    @Override
    public Set<String> parameterNames() {
        return Set.of(FACTOR);
    }

    /** Declared with a type and a description, so the web UI renders a field for each. */
    @Override
    public List<Setting> parameters() {
        return List.of(Setting.of(FACTOR, Setting.Type.INTEGER, "the whole number to multiply the embedding by,"
                + " 1 or more").asRequired());
    }

    @Override
    public Activation check(Activation input, Parameters parameters, ModelFolder model) {
        if (input.perToken()) {
            throw new ModelDockException("${stepName} works on a sentence embedding, but it receives one vector per"
                    + " token; put a Pooling before it");
        }
        int factor = parameters.integer(FACTOR);
        if (factor < 1) {
            throw new ModelDockException("${stepName}'s \"factor\" is " + factor + "; give a whole number from 1 on");
        }
        return input;
    }

    @Override
    public Activation append(GraphBuilder graph, Activation input, String attentionMask, Parameters parameters,
            ModelFolder model) {
        String factor = graph.constant("factor", new float[] {parameters.integer(FACTOR)});
        return new Activation(graph.node("Mul", input.tensor(), factor), input.width(), false);
    }

    @Override
    public float[][] evaluate(float[][] rows, Parameters parameters, ModelFolder model) {
        int factor = parameters.integer(FACTOR);
        float[][] out = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = new float[rows[r].length];
            for (int i = 0; i < rows[r].length; i++) {
                out[r][i] = rows[r][i] * factor;
            }
        }
        return out;
    }

    /** Scaling changes the length, so the output is not normalized whatever came in. */
    @Override
    public Map<String, Object> metadata(Parameters parameters) {
        return Map.of("normalization", false);
    }
}
