package dev.modeldock.registry;

import dev.modeldock.plugin.ModelDockException;

/**
 * Which models to list.
 *
 * @param text  matched, case-insensitively, anywhere in the name or description; null for any
 * @param tag   only models with this tag; null for any
 * @param alias only models that have an alias of this name; null for any
 */
public record ModelQuery(String text, String tag, String alias, int offset, int limit) {
    public static final int MAX_LIMIT = 500;

    public ModelQuery {
        if (offset < 0) {
            throw new ModelDockException("offset must be 0 or more, not " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ModelDockException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
    }
}
