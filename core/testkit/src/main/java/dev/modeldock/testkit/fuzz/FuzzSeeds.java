package dev.modeldock.testkit.fuzz;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.modeldock.testkit.onnx.HostileModels;
import dev.modeldock.testkit.onnx.SmallModels;
import java.util.List;

/**
 * The valid uploads mutations start from: small real models with import metadata Oracle accepts,
 * between them every part of ONNX a mutation touches (initializers, attributes, string and float
 * outputs, model-local functions).
 */
public final class FuzzSeeds {
    private FuzzSeeds() {
    }

    /**
     * A valid model and its metadata.
     *
     * @param name     what the case descriptions call it
     * @param model    the model
     * @param metadata import metadata Oracle accepts for it
     */
    public record Seed(String name, ModelProto model, String metadata) {
    }

    public static List<Seed> all() {
        return List.of(
                new Seed("regressor", SmallModels.featureRegressor(), SmallModels.FEATURE_REGRESSOR_METADATA),
                new Seed("classifier", SmallModels.irisClassifier(), SmallModels.IRIS_CLASSIFIER_METADATA),
                new Seed("functions", HostileModels.nestedFunctionsWithoutRecursion(),
                        SmallModels.FEATURE_REGRESSOR_METADATA));
    }
}
