package dev.modeldock.metadata;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The machine learning functions Oracle imports ONNX models for, with each one's main output field. */
public enum MlFunction {
    EMBEDDING("embeddingOutput"),
    REGRESSION("regressionOutput"),
    CLASSIFICATION("classificationProbOutput"),
    CLUSTERING("clusteringDistanceOutput");

    private final String defaultOutputField;

    MlFunction(String defaultOutputField) {
        this.defaultOutputField = defaultOutputField;
    }

    /** The metadata field naming this function's main output. */
    public String defaultOutputField() {
        return defaultOutputField;
    }

    /** The value of the {@code function} field, e.g. "embedding". */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Oracle's names are lowercase and compared exactly, like every metadata value. */
    public static Optional<MlFunction> fromJson(String value) {
        return Arrays.stream(values()).filter(f -> f.jsonName().equals(value)).findFirst();
    }
}
