package dev.modeldock.service;

import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.plan.PipelineFunction;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Parameters;
import java.util.List;
import java.util.Map;

/**
 * What a conversion's function does to its configuration before the engine sees it. A template's or
 * a preconfigured model's post_processors (pooling, normalization) make an embedding; a reranker
 * (function regression) outputs its model's logits as they are and takes none, which the engine
 * would refuse only once the job runs. So a regression request that gives no post_processors gets
 * none rather than its start's, and one that gives some is refused before a job is queued. A
 * preconfigured model converts with the function it is preconfigured for.
 */
public final class FunctionConfiguration {
    private FunctionConfiguration() {
    }

    /** Whether a pipeline of {@code function} has post_processors after its model. */
    public static boolean takesPostProcessors(PipelineFunction function) {
        return function != PipelineFunction.REGRESSION;
    }

    /**
     * Refuses to convert a preconfigured model with another function than its preconfiguration's
     * (a preconfigured reranker as an embedding, say), as the engine refuses it on the command line.
     */
    static void refuseOtherThanPreconfigured(String hubId, PipelineFunction function) {
        String preconfigured = EmbeddingModelConfig.preconfiguredFunction(hubId)
                .orElse(PipelineFunction.EMBEDDING.jsonName());
        if (!preconfigured.equals(function.jsonName())) {
            throw new ModelDockException("'" + hubId + "' is preconfigured for function " + preconfigured + ", not "
                    + function.jsonName() + ": give \"function\": \"" + preconfigured + "\", or a 'template' and"
                    + " 'config' of your own");
        }
    }

    /**
     * The configuration for {@code function}.
     *
     * @param overrides the properties the request gave, over its start's
     * @param config    the start's properties with {@code overrides} applied
     * @throws ModelDockException when the request gives post_processors to a function that takes none
     */
    static EmbeddingModelConfig applied(PipelineFunction function, Map<String, Object> overrides,
            EmbeddingModelConfig config) {
        if (takesPostProcessors(function)) {
            return config;
        }
        if (!overrides.containsKey("post_processors")) {
            return config.with(Map.of("post_processors", List.of()));
        }
        if (!config.postProcessors().isEmpty()) {
            throw new ModelDockException("function " + function.jsonName() + " outputs the model's logits as they"
                    + " are, so it takes no post_processors, but 'config' gives " + config.postProcessors().stream()
                    .map(Parameters::name).toList() + ": leave 'post_processors' out, or give []");
        }
        return config;
    }
}
