package dev.modeldock.registry;

/**
 * Which models to list.
 *
 * @param text  matched, case-insensitively, anywhere in the name or description; null for any
 * @param tag   only models with this tag; null for any
 * @param alias only models that have an alias of this name; null for any
 */
public record ModelQuery(String text, String tag, String alias, int offset, int limit) {
    public ModelQuery {
        Page.checkWindow(offset, limit);
    }
}
