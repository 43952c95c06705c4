package dev.modeldock.postprocessing;

import dev.modeldock.plugin.Activation;
import dev.modeldock.plugin.GraphBuilder;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.ModelFolder;
import dev.modeldock.plugin.Parameters;
import dev.modeldock.plugin.PostProcessor;
import dev.modeldock.plugin.Setting;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Summarises token embeddings into one sentence embedding: the mean or maximum over real tokens
 * (padding masked out), or the first token ([CLS]).
 */
@Extension
public final class Pooling implements PostProcessor {

    /** Stands in for minus infinity where max pooling must ignore a padding position. */
    private static final float MASKED = 1e9f;
    /** sentence-transformers' floor for the token count, so an all-padding row cannot divide by zero. */
    private static final float MIN_COUNT = 1e-9f;

    private enum Mode { MEAN, MAX, CLS }

    @Override
    public String name() {
        return "Pooling";
    }

    @Override
    public Set<String> parameterNames() {
        return Set.of("type");
    }

    @Override
    public List<Setting> parameters() {
        return List.of(Setting.of("type", Setting.Type.STRING, "how token embeddings become one: mean, max or cls")
                .withDefault("mean"));
    }

    @Override
    public Activation check(Activation input, Parameters parameters, ModelFolder model) {
        mode(parameters);
        if (!input.perToken()) {
            throw new ModelDockException("Pooling needs token embeddings, but an earlier post_processor already"
                    + " produced a sentence embedding; use one Pooling, first");
        }
        return new Activation(input.tensor(), input.width(), false);
    }

    @Override
    public Activation append(GraphBuilder graph, Activation input, String attentionMask, Parameters parameters,
            ModelFolder model) {
        String x = input.tensor();
        String pooled = switch (mode(parameters)) {
            case CLS -> graph.node("Gather", List.of(x, graph.constant("first_token", new long[] {0})),
                    Map.of("axis", 1L));
            case MEAN -> {
                String mask = tokenMask(graph, attentionMask);
                String sum = graph.node("ReduceSum", List.of(graph.node("Mul", x, mask), tokenAxis(graph)),
                        Map.of("keepdims", 0L));
                String count = graph.node("ReduceSum", List.of(mask, tokenAxis(graph)), Map.of("keepdims", 0L));
                yield graph.node("Div", sum, graph.node("Max", count, graph.constant("min_count",
                        new float[] {MIN_COUNT})));
            }
            case MAX -> {
                // x + (mask - 1) * 1e9 leaves real tokens exactly as they are and sinks padding.
                String mask = tokenMask(graph, attentionMask);
                String penalty = graph.node("Mul", graph.node("Sub", mask, graph.constant("one", new float[] {1f})),
                        graph.constant("masked", new float[] {MASKED}));
                yield reduceMaxOverTokens(graph, graph.node("Add", x, penalty));
            }
        };
        return new Activation(pooled, input.width(), false);
    }

    @Override
    public float[][] evaluate(float[][] rows, Parameters parameters, ModelFolder model) {
        int width = rows[0].length;
        float[] pooled = new float[width];
        switch (mode(parameters)) {
            case CLS -> System.arraycopy(rows[0], 0, pooled, 0, width);
            case MEAN -> {
                for (float[] row : rows) {
                    for (int i = 0; i < width; i++) {
                        pooled[i] += row[i];
                    }
                }
                for (int i = 0; i < width; i++) {
                    pooled[i] /= rows.length;
                }
            }
            case MAX -> {
                Arrays.fill(pooled, Float.NEGATIVE_INFINITY);
                for (float[] row : rows) {
                    for (int i = 0; i < width; i++) {
                        pooled[i] = Math.max(pooled[i], row[i]);
                    }
                }
            }
        }
        return new float[][] {pooled};
    }

    @Override
    public Map<String, Object> metadata(Parameters parameters) {
        return Map.of("pooling", switch (mode(parameters)) {
            case MEAN -> "Mean Pooling";
            case MAX -> "Max Pooling";
            case CLS -> "CLS Pooling";
        });
    }

    private static Mode mode(Parameters parameters) {
        String type = parameters.string("type", "mean");
        return switch (type) {
            case "mean" -> Mode.MEAN;
            case "max" -> Mode.MAX;
            case "cls" -> Mode.CLS;
            default -> throw new ModelDockException("Pooling type '" + type + "' is not one of mean, max, cls");
        };
    }

    /** The attention mask as float [1, tokens, 1], to broadcast over the hidden dimension. */
    private static String tokenMask(GraphBuilder graph, String attentionMask) {
        String asFloat = graph.node("Cast", List.of(attentionMask), Map.of("to", 1L)); // 1 = FLOAT
        return graph.node("Unsqueeze", asFloat, graph.constant("hidden_axis", new long[] {2}, 1));
    }

    private static String tokenAxis(GraphBuilder graph) {
        return graph.constant("token_axis", new long[] {1}, 1);
    }

    /** ReduceMax took its axes as an attribute until opset 18 and as an input since. */
    private static String reduceMaxOverTokens(GraphBuilder graph, String x) {
        if (graph.opset() >= 18) {
            return graph.node("ReduceMax", List.of(x, tokenAxis(graph)), Map.of("keepdims", 0L));
        }
        return graph.node("ReduceMax", List.of(x), Map.of("axes", new long[] {1}, "keepdims", 0L));
    }
}
