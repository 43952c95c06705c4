package dev.modeldock.registry;

import dev.modeldock.plugin.ModelDockException;
import java.util.List;

/**
 * Which jobs to list, newest first.
 *
 * @param state only jobs in this state ({@link #STATES}); null for any
 * @param kind  only jobs of this kind ({@link #KINDS}); null for any
 * @param model only jobs about the model of this name; null for any
 */
public record JobQuery(String state, String kind, String model, int offset, int limit) {
    public static final List<String> STATES = List.of("queued", "running", "succeeded", "failed");
    public static final List<String> KINDS = List.of("conversion", "deployment");

    public JobQuery {
        oneOf("state", state, STATES);
        oneOf("kind", kind, KINDS);
        if (model != null) {
            Names.model(model);
        }
        Page.checkWindow(offset, limit);
    }

    private static void oneOf(String name, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw new ModelDockException(name + " must be one of " + String.join(", ", allowed) + ", not '"
                    + Names.printable(value) + "'");
        }
    }
}
