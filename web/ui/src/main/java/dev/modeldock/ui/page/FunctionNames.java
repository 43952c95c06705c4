package dev.modeldock.ui.page;

import dev.modeldock.plan.PipelineFunction;
import dev.modeldock.service.FunctionConfiguration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How the pages name a pipeline's function: every function the engine builds, in its order, with
 * what it does in a few words. Keyed by the functions' JSON names, so that one the engine adds is
 * offered at once, with its name alone until it is described here.
 */
public final class FunctionNames {
    /** What each function is, and what it does, by JSON name. */
    private static final Map<String, List<String>> DESCRIBED = Map.of(
            "embedding", List.of("text embedding", "one text → vector"),
            "regression", List.of("reranker", "reranker scoring a text pair"),
            "classification", List.of("text classifier", "one text → label probabilities"));

    /**
     * One choice of a form's function select.
     *
     * @param value              the API's value ({@code regression})
     * @param label              what the option says ({@code Regression — reranker scoring a text pair})
     * @param takesPostProcessors whether the form's post-processors apply to it
     */
    public record Choice(String value, String label, boolean takesPostProcessors) {
    }

    private FunctionNames() {
    }

    /** Every function the engine builds, embedding first. */
    public static List<Choice> choices() {
        return Arrays.stream(PipelineFunction.values()).map(f -> new Choice(f.jsonName(), label(f.jsonName()),
                FunctionConfiguration.takesPostProcessors(f))).toList();
    }

    /** {@code Regression — reranker scoring a text pair}; a function not described here by its name alone. */
    static String label(String function) {
        String name = function.isEmpty() ? function : Character.toUpperCase(function.charAt(0)) + function.substring(1);
        List<String> described = DESCRIBED.get(function);
        return described == null ? name : name + " — " + described.get(1);
    }

    /** {@code regression (reranker)}, as a version's facts name its function. */
    public static String fact(String function) {
        List<String> described = DESCRIBED.get(function);
        return described == null ? function : function + " (" + described.get(0) + ")";
    }
}
