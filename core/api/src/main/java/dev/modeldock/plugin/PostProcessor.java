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
 * graph disagrees with it, so the two must compute the same function. That check compares the step
 * only with itself: a wrong function written the same way twice passes it, so a plugin's own tests
 * compare both forms with values worked out apart from them (modeldock-plugin-testkit's
 * {@code PostProcessorContract} checks the agreement at every opset, {@code PostProcessorNodes} runs the
 * nodes alone).
 *
 * <p>What flows in and out, float32 throughout ({@link Activation}):
 * <ul>
 *   <li>per-token input, the encoder's token embeddings, shape [1, tokens, width], with the int64
 *       attention mask [1, tokens] (1 for a real token, 0 for padding) passed to {@link #append};</li>
 *   <li>sentence input, one embedding, shape [1, width] (after a pooling step, or what an encoder
 *       pools itself); the mask is then of no use;</li>
 *   <li>the output is what {@link #check} announces: per token or not, and its width. The pipeline's
 *       last step must leave a sentence embedding; a step that only accepts one of the two refuses the
 *       other in {@link #check}.</li>
 * </ul>
 * The nodes must be valid at every opset from 13 to 18 and use only standard operators (see the
 * package documentation).
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
     * Checks the entry against what flows in and says what flows out, before any graph is built. A
     * value the user gave wrong (a missing or out-of-range parameter, per-token input to a step that
     * needs a sentence embedding) is refused here, with a message naming the parameter and what to give.
     *
     * @return the activation {@link #append} will produce (its tensor name may be a placeholder)
     * @throws ModelDockException naming the bad value, e.g. a Dense layer whose in_features differ
     *                            from the width flowing in
     */
    Activation check(Activation input, Parameters parameters, ModelFolder model);

    /**
     * Appends the step's nodes, after {@link #check} accepted the same input and parameters.
     *
     * @param graph         the graph, labelled with {@link GraphBuilder#opset()} (13 to 18)
     * @param input         the float32 tensor flowing in: [1, tokens, width] or [1, width]
     * @param attentionMask int64 [1, tokens] mask of real tokens, for steps that read token embeddings
     * @return the activation the nodes produce: what {@link #check} announced, with the real tensor name
     */
    Activation append(GraphBuilder graph, Activation input, String attentionMask, Parameters parameters,
            ModelFolder model);

    /**
     * The same step in plain Java, on one text without padding (every token real, so no mask).
     *
     * @param rows one row per token for a per-token input ({@code rows[token][value]}, width values
     *             each), or a single row for a sentence embedding; the step may not keep or change them
     *             after returning
     * @return the rows after the step: one per token if the output is per token, else exactly one, each
     *         as wide as {@link #check} announced
     */
    float[][] evaluate(float[][] rows, Parameters parameters, ModelFolder model);

    /**
     * Oracle import metadata this step implies; empty by default. The keys are {@code pooling} (a
     * string such as {@code "Mean Pooling"}: the last step in the pipeline that states it wins) and
     * {@code normalization} (a boolean, whether this step's output has unit L2 length: only the
     * pipeline's last step's value counts, absent meaning false); other keys are ignored. The package
     * documentation says more.
     */
    default Map<String, Object> metadata(Parameters parameters) {
        return Map.of();
    }
}
