package dev.modeldock.registry;

import java.util.Objects;

/**
 * Which models to list, in which order.
 *
 * @param text  matched, case-insensitively, anywhere in the name or description; null for any
 * @param tag   only models with this tag; null for any
 * @param alias only models that have an alias of this name; null for any
 */
public record ModelQuery(String text, String tag, String alias, int offset, int limit, ModelSort sort) {
    public ModelQuery {
        Page.checkWindow(offset, limit);
        Objects.requireNonNull(sort, "sort");
    }

    /** By name. */
    public ModelQuery(String text, String tag, String alias, int offset, int limit) {
        this(text, tag, alias, offset, limit, ModelSort.NAME);
    }
}
