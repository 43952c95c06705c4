package dev.modeldock.metadata;

import dev.modeldock.plan.PipelinePlan;
import dev.modeldock.plugin.ModelDockException;
import java.util.List;
import java.util.Map;

/**
 * What the post-processors' {@code metadata()} say about the vector, combined as the plugin API's
 * package documentation promises: {@code pooling} from the last step that states it, {@code normalization}
 * from the last step alone (a step after Normalize, a Dense layer say, can change the length, so a last
 * step that does not say so leaves it false). Other keys are ignored.
 *
 * @param pooling       Oracle's pooling field, or null when no step states one
 * @param normalization whether the pipeline's output has unit length
 */
public record ImpliedMetadata(String pooling, boolean normalization) {
    static final String POOLING = "pooling";
    static final String NORMALIZATION = "normalization";

    /** One step's name and what its {@code metadata()} returned. */
    public record Said(String step, Map<String, Object> metadata) {
    }

    /** The combination for a plan's steps, in pipeline order. */
    public static ImpliedMetadata of(PipelinePlan plan) {
        return of(plan.steps().stream().map(step -> new Said(step.processor().name(),
                step.processor().metadata(step.parameters()))).toList());
    }

    /**
     * @throws ModelDockException naming the step whose pooling is not a string or whose normalization is
     *                            not a boolean
     */
    public static ImpliedMetadata of(List<Said> steps) {
        String pooling = null;
        boolean normalization = false;
        for (Said said : steps) {
            Object statedPooling = said.metadata().get(POOLING);
            if (statedPooling != null && !(statedPooling instanceof String)) {
                throw wrongType(said, POOLING, "a string such as \"Mean Pooling\"", statedPooling);
            }
            Object statedNormalization = said.metadata().get(NORMALIZATION);
            if (statedNormalization != null && !(statedNormalization instanceof Boolean)) {
                throw wrongType(said, NORMALIZATION, "true or false", statedNormalization);
            }
            pooling = statedPooling != null ? (String) statedPooling : pooling;
            normalization = Boolean.TRUE.equals(statedNormalization);
        }
        return new ImpliedMetadata(pooling, normalization);
    }

    private static ModelDockException wrongType(Said said, String key, String expected, Object value) {
        return new ModelDockException("post-processor " + said.step() + " gives the metadata \"" + key + "\" as "
                + value + " (" + value.getClass().getSimpleName() + "), not " + expected + "; the plugin that"
                + " provides " + said.step() + " needs fixing");
    }
}
