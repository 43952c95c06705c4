package dev.modeldock.metadata;

import static dev.modeldock.metadata.Checks.FOUR_FEATURES;
import static dev.modeldock.metadata.Checks.assertOnly;
import static dev.modeldock.metadata.Checks.assertProblem;
import static dev.modeldock.metadata.Checks.assertValid;
import static dev.modeldock.metadata.Checks.check;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.TensorTypes;
import dev.modeldock.testkit.onnx.SmallModels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which output each function uses: named, called like the field, or the only one. */
class OutputRulesTest {
    @TempDir
    static Path dir;
    static ModelSignature regressor;
    static ModelSignature embedder;
    /** "probabilities" FLOAT[batch, 3] and "label" STRING[3]. */
    static ModelSignature classifier;
    /** "distances" and "probabilities", FLOAT[batch, 3]. */
    static ModelSignature clusterer;

    @BeforeAll
    static void models() {
        regressor = TestModels.signature(SmallModels.regressor("variable"), dir);
        embedder = TestModels.signature(SmallModels.embedder("embedding"), dir);
        classifier = TestModels.signature(SmallModels.classifier("probabilities", SmallModels.Label.STRINGS), dir);
        clusterer = TestModels.signature(SmallModels.clusterer(), dir);
    }

    @Test
    void theOnlyOutputIsTakenForTheFunctionsOutputWhenNoneIsNamed() {
        assertValid(check(regressor, "{'function': 'regression', " + FOUR_FEATURES + "}"));
        assertValid(check(embedder, "{'function': 'embedding'}"));
        ModelSignature probabilitiesOnly = TestModels.signature(
                SmallModels.classifier("probabilities", SmallModels.Label.NONE), dir);
        assertValid(check(probabilitiesOnly, "{'function': 'classification', " + FOUR_FEATURES + "}"));
    }

    @Test
    void theOnlyOutputMayAlsoBeNamedExplicitly() {
        assertValid(check(regressor, "{'function': 'regression', 'regressionOutput': 'variable', " + FOUR_FEATURES + "}"));
        assertValid(check(embedder, "{'function': 'embedding', 'embeddingOutput': 'embedding'}"));
    }

    @Test
    void anOutputNamedLikeTheFieldIsAssumedAmongSeveral() {
        ModelSignature named = TestModels.signature(
                SmallModels.classifier("classificationProbOutput", SmallModels.Label.STRINGS), dir);
        assertValid(check(named, "{'function': 'classification', " + FOUR_FEATURES + "}"));
        // it really is the one used: its width, 3, is the number of classes the labels are counted against
        assertOnly(check(named, "{'function': 'classification', " + FOUR_FEATURES + ", 'labels': ['a', 'b']}"),
                OracleErrors.LABELS_COUNT, "labels", "3 classes");
    }

    @Test
    void anEmbeddingOutputNamedEmbeddingOutputIsAssumedAmongSeveral() {
        ModelSignature signature = TestModels.declared(List.of(TensorTypes.tensor("input", DataType.STRING, "batch", 1)),
                List.of(TensorTypes.tensor("tokens", DataType.INT64, "batch", 1),
                        TensorTypes.tensor("embeddingOutput", DataType.FLOAT, "batch", 8)));
        assertValid(check(signature, "{'function': 'embedding'}"));
    }

    @Test
    void severalOutputsAndNoneNamedIsOra54412ForClassification() {
        assertOnly(check(classifier, "{'function': 'classification', " + FOUR_FEATURES + "}"),
                OracleErrors.OUTPUT_NOT_NAMED, "classificationProbOutput", "probabilities", "label");
    }

    @Test
    void severalOutputsAndNoneNamedIsOra54412ForRegression() {
        ModelSignature twoOutputs = TestModels.declaredOutputs(TensorTypes.tensor("mean", DataType.FLOAT, "batch", 1),
                TensorTypes.tensor("stddev", DataType.FLOAT, "batch", 1));
        assertOnly(check(twoOutputs, "{'function': 'regression', " + FOUR_FEATURES + "}"), OracleErrors.OUTPUT_NOT_NAMED,
                "regressionOutput", "mean", "stddev");
        assertValid(check(twoOutputs, "{'function': 'regression', 'regressionOutput': 'mean', " + FOUR_FEATURES + "}"));
    }

    @Test
    void severalOutputsAndNoneNamedIsOra54412ForEmbedding() {
        ModelSignature twoOutputs = TestModels.declared(List.of(TensorTypes.tensor("input", DataType.STRING, "batch", 1)),
                List.of(TensorTypes.tensor("last_hidden_state", DataType.FLOAT, "batch", 8),
                        TensorTypes.tensor("pooled", DataType.FLOAT, "batch", 8)));
        assertOnly(check(twoOutputs, "{'function': 'embedding'}"), OracleErrors.OUTPUT_NOT_NAMED, "embeddingOutput");
        assertValid(check(twoOutputs, "{'function': 'embedding', 'embeddingOutput': 'pooled'}"));
    }

    @Test
    void namingTheProbabilitiesResolvesAClassifierWithLabels() {
        assertValid(check(classifier, "{'function': 'classification', 'classificationProbOutput': 'probabilities', "
                + FOUR_FEATURES + "}"));
    }

    @ParameterizedTest
    @CsvSource({
        "regression, regressionOutput, predictions",
        "embedding, embeddingOutput, sentence_embedding",
        "classification, classificationProbOutput, probs",
        "classification, classificationLabelOutput, labels",
        "clustering, clusteringDistanceOutput, distance",
        "clustering, clusteringProbOutput, prob",
    })
    void aNamedOutputTheModelLacksIsOra54413(String function, String field, String name) {
        ModelSignature signature = switch (function) {
            case "regression" -> regressor;
            case "embedding" -> embedder;
            case "classification" -> classifier;
            default -> clusterer;
        };
        String input = function.equals("embedding") ? "" : ", " + FOUR_FEATURES;
        List<MetadataProblem> problems = check(signature, "{'function': '" + function + "', '" + field + "': '" + name
                + "'" + input + "}");
        assertProblem(problems, OracleErrors.OUTPUT_NOT_FOUND, field, "\"" + name + "\"");
    }

    @Test
    void outputNamesAreMatchedCaseSensitively() {
        assertOnly(check(embedder, "{'function': 'embedding', 'embeddingOutput': 'Embedding'}"),
                OracleErrors.OUTPUT_NOT_FOUND, "embeddingOutput", "Embedding", "embedding");
    }

    @ParameterizedTest
    @CsvSource({
        "embedding, regressionOutput, regression",
        "embedding, classificationProbOutput, classification",
        "regression, embeddingOutput, embedding",
        "regression, classificationLabelOutput, classification",
        "classification, clusteringProbOutput, clustering",
        "clustering, classificationProbOutput, classification",
        "clustering, regressionOutput, regression",
    })
    void anOutputFieldOfAnotherFunctionIsRefused(String function, String field, String owner) {
        ModelSignature signature = function.equals("embedding") ? embedder
                : function.equals("regression") ? regressor : function.equals("clustering")
                ? TestModels.signature(SmallModels.clusterer("distances", 3, null, 0), dir)
                : TestModels.signature(SmallModels.classifier("probabilities", SmallModels.Label.NONE), dir);
        String input = function.equals("embedding") ? "" : ", " + FOUR_FEATURES;
        // The named output exists: what is wrong is only whose field it is.
        String named = signature.outputs().get(0).name();
        assertOnly(check(signature, "{'function': '" + function + "', '" + field + "': '" + named + "'" + input + "}"),
                OracleErrors.UNDOCUMENTED, field, owner, function);
    }
}
