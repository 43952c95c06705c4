package dev.modeldock.registry;

import java.util.List;

/**
 * One page of a longer list.
 *
 * @param total how many items match in all, across pages
 */
public record Page<T>(List<T> items, int offset, int limit, long total) {
    /** The most items a page of versions or jobs holds. */
    public static final int MAX_LIMIT = 500;
}
