package dev.modeldock.registry;

import dev.modeldock.plugin.ModelDockException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The order a list of models comes in; ties are broken by name, so every order is stable across pages. */
public enum ModelSort {
    /** By name, A to Z. */
    NAME("m.name"),
    /** The most recently changed first (a new version, an alias move, a new description or tags). */
    UPDATED("m.updated_at DESC, m.name"),
    /** The model with the most versions first. */
    VERSIONS("(SELECT COUNT(*) FROM model_version c WHERE c.model_id = m.id) DESC, m.name");

    private final String orderBy;

    ModelSort(String orderBy) {
        this.orderBy = orderBy;
    }

    /** The SQL ORDER BY terms over the model table, aliased {@code m}. */
    String orderBy() {
        return orderBy;
    }

    /** The sort's name in URLs and the API: {@code name}, {@code updated}, {@code versions}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The sort named {@code id}; null or blank is {@link #NAME}.
     *
     * @throws ModelDockException naming the sorts there are
     */
    public static ModelSort parse(String id) {
        if (id == null || id.isBlank()) {
            return NAME;
        }
        for (ModelSort sort : values()) {
            if (sort.id().equals(id.strip())) {
                return sort;
            }
        }
        throw new ModelDockException("sort must be one of " + Arrays.stream(values()).map(ModelSort::id)
                .collect(Collectors.joining(", ")) + ", not '" + Names.printable(id) + "'");
    }
}
