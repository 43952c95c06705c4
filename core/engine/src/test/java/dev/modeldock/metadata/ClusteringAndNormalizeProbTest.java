package dev.modeldock.metadata;

import static dev.modeldock.metadata.Checks.FOUR_FEATURES;
import static dev.modeldock.metadata.Checks.assertOnly;
import static dev.modeldock.metadata.Checks.assertValid;
import static dev.modeldock.metadata.Checks.check;

import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.testkit.onnx.SmallModels;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Clustering's two outputs, and normalizeProb for the functions that produce probabilities. */
class ClusteringAndNormalizeProbTest {
    @TempDir
    static Path dir;
    /** "distances" and "probabilities", FLOAT[batch, 3]. */
    static ModelSignature clusterer;
    /** "distances" FLOAT[batch, 3], "probabilities" FLOAT[batch, 2]. */
    static ModelSignature unequal;
    static ModelSignature classifier;

    @BeforeAll
    static void models() {
        clusterer = TestModels.signature(SmallModels.clusterer(), dir);
        unequal = TestModels.signature(SmallModels.clusterer("distances", 3, "probabilities", 2), dir);
        classifier = TestModels.signature(SmallModels.classifier("probabilities", SmallModels.Label.NONE), dir);
    }

    private static String clustering(String more) {
        return "{'function': 'clustering', " + FOUR_FEATURES + (more.isEmpty() ? "" : ", " + more) + "}";
    }

    @Test
    void bothClusteringOutputsNamedIsValid() {
        assertValid(check(clusterer, clustering("'clusteringDistanceOutput': 'distances', 'clusteringProbOutput': 'probabilities'")));
    }

    @Test
    void namingOnlyOneOfTheClusteringOutputsIsValid() {
        assertValid(check(clusterer, clustering("'clusteringDistanceOutput': 'distances'")));
        assertValid(check(clusterer, clustering("'clusteringProbOutput': 'probabilities'")));
    }

    @Test
    void aClustererWithASingleOutputNeedsNoNames() {
        assertValid(check(TestModels.signature(SmallModels.clusterer("scores", 3, null, 0), dir), clustering("")));
    }

    @Test
    void anOutputCalledClusteringDistanceOutputIsAssumed() {
        ModelSignature named = TestModels.signature(SmallModels.clusterer("clusteringDistanceOutput", 3, "other", 3), dir);
        assertValid(check(named, clustering("")));
    }

    @Test
    void severalOutputsAndNeitherNamedIsOra54433() {
        assertOnly(check(clusterer, clustering("")), OracleErrors.CLUSTERING_NO_OUTPUT, "clusteringDistanceOutput",
                "distances", "probabilities");
    }

    @Test
    void bothFieldsNamingTheSameTensorIsOra54456() {
        assertOnly(check(clusterer, clustering("'clusteringDistanceOutput': 'distances', 'clusteringProbOutput': 'distances'")),
                OracleErrors.CLUSTERING_SAME_OUTPUT, "clusteringProbOutput", "\"distances\"");
    }

    @Test
    void distancesAndProbabilitiesOfDifferentSizesAreOra54434() {
        assertOnly(check(unequal, clustering("'clusteringDistanceOutput': 'distances', 'clusteringProbOutput': 'probabilities'")),
                OracleErrors.CLUSTERING_SIZES_DIFFER, "clusteringProbOutput", "[?, 3]", "[?, 2]");
    }

    @Test
    void anOutputCalledClusteringProbOutputIsAssumedAndComparedWithTheDistances() {
        ModelSignature named = TestModels.signature(SmallModels.clusterer("clusteringDistanceOutput", 3,
                "clusteringProbOutput", 2), dir);
        assertOnly(check(named, clustering("")), OracleErrors.CLUSTERING_SIZES_DIFFER, "clusteringProbOutput");
    }

    @ParameterizedTest
    @CsvSource({"classification, softmax", "classification, none", "clustering, softmax", "clustering, none"})
    void softmaxAndNoneAreValidForClassificationAndClustering(String function, String normalization) {
        ModelSignature signature = function.equals("clustering") ? clusterer : classifier;
        String output = function.equals("clustering") ? "'clusteringProbOutput': 'probabilities', " : "";
        assertValid(check(signature, "{'function': '" + function + "', " + output + FOUR_FEATURES
                + ", 'normalizeProb': '" + normalization + "'}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sigmoid", "Softmax", "NONE", "", "l2"})
    void anyOtherNormalizationIsOra54415(String normalization) {
        assertOnly(check(classifier, "{'function': 'classification', " + FOUR_FEATURES + ", 'normalizeProb': '"
                + normalization + "'}"), OracleErrors.NORMALIZE_PROB_INVALID, "normalizeProb", "\"" + normalization + "\"");
    }

    @Test
    void aNormalizationThatIsNotAStringIsOra54415() {
        assertOnly(check(classifier, "{'function': 'classification', " + FOUR_FEATURES + ", 'normalizeProb': true}"),
                OracleErrors.NORMALIZE_PROB_INVALID, "normalizeProb", "string");
    }

    @Test
    void normalizeProbWithAnEmbeddingModelIsRefused() {
        ModelSignature embedder = TestModels.signature(SmallModels.embedder("embedding"), dir);
        assertOnly(check(embedder, "{'function': 'embedding', 'normalizeProb': 'softmax'}"), OracleErrors.UNDOCUMENTED,
                "normalizeProb", "classification and clustering", "embedding");
    }

    @Test
    void normalizeProbWithARegressionModelIsRefused() {
        ModelSignature regressor = TestModels.signature(SmallModels.regressor("y"), dir);
        assertOnly(check(regressor, "{'function': 'regression', " + FOUR_FEATURES + ", 'normalizeProb': 'none'}"),
                OracleErrors.UNDOCUMENTED, "normalizeProb", "regression");
    }

    @Test
    void anInvalidNormalizationForAnEmbeddingModelGivesBothProblems() {
        ModelSignature embedder = TestModels.signature(SmallModels.embedder("embedding"), dir);
        var problems = check(embedder, "{'function': 'embedding', 'normalizeProb': 'sigmoid'}");
        Checks.assertProblem(problems, OracleErrors.NORMALIZE_PROB_INVALID, "normalizeProb");
        Checks.assertProblem(problems, OracleErrors.UNDOCUMENTED, "normalizeProb");
    }
}
