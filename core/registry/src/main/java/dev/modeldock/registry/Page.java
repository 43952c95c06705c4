package dev.modeldock.registry;

import dev.modeldock.plugin.ModelDockException;
import java.util.List;

/**
 * One page of a longer list.
 *
 * @param total how many items match in all, across pages
 */
public record Page<T>(List<T> items, int offset, int limit, long total) {
    /** The most items a page of models, versions or jobs holds. */
    public static final int MAX_LIMIT = 500;

    /**
     * Refuses a window no page can have: a negative offset, or a limit outside 1 to {@link #MAX_LIMIT}.
     *
     * @throws ModelDockException naming the value
     */
    public static void checkWindow(int offset, int limit) {
        if (offset < 0) {
            throw new ModelDockException("offset must be 0 or more, not " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ModelDockException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
    }
}
