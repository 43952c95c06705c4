package dev.modeldock.plugin;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * One step after the encoder, named in a configuration's {@code post_processors} list: pooling,
 * normalisation, a dense layer.
 *
 * <p>Each step exists twice: as graph nodes ({@link #append}) and as plain Java ({@link #evaluate}).
 * The host builds the reference embedding with the Java form and refuses to export a pipeline whose
 * graph disagrees with it, so the two must compute the same function.
 *
 * @since 1.0.0
 */
public interface PostProcessor extends ExtensionPoint {

    /** The name used in configurations, e.g. "Pooling"; matched case-sensitively. */
    String name();

    /** The keys an entry may carry besides "name"; any other key is reported as unknown. */
    Set<String> parameterNames();

    /**
     * The parameters declared for forms (the web UI renders a field per parameter by its type, so a
     * post-processor needs no UI code of its own): by default each of {@link #parameterNames} as an
     * optional string; override to give types, defaults and descriptions. Names follow
     * {@link Setting}'s rule (lowercase, digits, {@code _}); values reach {@link Parameters} as JSON
     * types: a whole number for {@link Setting.Type#INTEGER}, true or false for
     * {@link Setting.Type#BOOLEAN}, a string otherwise.
     */
    default List<Setting> parameters() {
        return parameterNames().stream().sorted().map(parameter -> Setting.of(parameter, Setting.Type.STRING,
                "a parameter of " + name())).toList();
    }

    /**
     * Checks the entry against what flows in and says what flows out, before any graph is built.
     *
     * @return the activation {@link #append} will produce (its tensor name may be a placeholder)
     * @throws ModelDockException naming the bad value, e.g. a Dense layer whose in_features differ
     *                            from the width flowing in
     */
    Activation check(Activation input, Parameters parameters, ModelFolder model);

    /**
     * Appends the step's nodes.
     *
     * @param attentionMask int64 [1, tokens] mask of real tokens, for steps that read token embeddings
     * @return the activation the nodes produce
     */
    Activation append(GraphBuilder graph, Activation input, String attentionMask, Parameters parameters,
            ModelFolder model);

    /**
     * The same step in plain Java, on one text without padding.
     *
     * @param rows one row per token for a per-token input, or a single row for a sentence embedding
     * @return the rows after the step
     */
    float[][] evaluate(float[][] rows, Parameters parameters, ModelFolder model);

    /**
     * Oracle import metadata this step implies, e.g. {@code {"pooling": "Mean Pooling"}} or
     * {@code {"normalization": true}}; empty by default.
     */
    default Map<String, Object> metadata(Parameters parameters) {
        return Map.of();
    }
}
