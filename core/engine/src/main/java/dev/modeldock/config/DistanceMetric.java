package dev.modeldock.config;

import dev.modeldock.plugin.ModelDockException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The distance metrics of Oracle's VECTOR_DISTANCE operator, as named there. */
public enum DistanceMetric {
    EUCLIDEAN, COSINE, MANHATTAN, HAMMING, DOT, EUCLIDEAN_SQUARED, JACCARD;

    /** Parses a metric name, ignoring case; anything else is an error listing the valid names. */
    public static DistanceMetric parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ModelDockException("invalid distance metric '" + name + "'; valid: "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }
}
