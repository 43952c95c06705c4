package dev.modeldock.export.oracle.standin;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PREDICTION and PREDICTION_PROBABILITY on a loaded model, for one row.
 *
 * <p>Documented (Oracle AI Vector Search User's Guide, ONNX pipeline pages; SQL Language Reference,
 * PREDICTION and PREDICTION_PROBABILITY): a reranker (function regression) is scored with
 * {@code PREDICTION(m USING q AS DATA1, d AS DATA2)}, which returns the expected value, here the
 * model's one output value; a classifier with PREDICTION (the class of highest probability, typed as
 * its labels: VARCHAR2 for string labels, NUMBER for numbers or the default 1..N) and
 * PREDICTION_PROBABILITY (BINARY_DOUBLE: of the best class, or of the class named); more attributes
 * in USING than the model uses are silently ignored; a tie of best classes is settled by the database.
 * A NULL text gives a NULL result, as VECTOR_EMBEDDING's does here (no "defaultOnNull" is applied).
 * Inferred, see {@link OracleErrors}: the codes for a model of the wrong function, for a missing
 * attribute and for an unknown class.
 */
final class MiningOperators {
    private MiningOperators() {
    }

    /** PREDICTION: a Double score for regression, the best class's label for classification; or null. */
    static Object prediction(LoadedModel model, Map<String, String> using) throws SQLException {
        String function = model.description.function();
        if (function.equals("REGRESSION")) {
            Map<String, String> texts = texts(model, using, "PREDICTION");
            if (texts == null) {
                return null;
            }
            float[] output = model.run(texts);
            if (output.length != 1) {
                throw OracleErrors.undocumented("regression model " + model.name + " gave " + output.length
                        + " values for one row; PREDICTION needs one");
            }
            return (double) output[0];
        }
        if (!function.equals("CLASSIFICATION")) {
            throw OracleErrors.incompatibleModel("PREDICTION scores classification and regression models; "
                    + model.name + " is " + function.toLowerCase(Locale.ROOT));
        }
        requireLabelsInMetadata(model, "PREDICTION");
        double[] probabilities = probabilities(model, using, "PREDICTION");
        return probabilities == null ? null : model.description.labels().get(best(probabilities));
    }

    /** PREDICTION_PROBABILITY: of the best class, or of {@code classValue} when a class is given; or null. */
    static Double probability(LoadedModel model, String classValue, boolean classGiven, Map<String, String> using)
            throws SQLException {
        if (!model.description.function().equals("CLASSIFICATION")) {
            throw OracleErrors.incompatibleModel("PREDICTION_PROBABILITY scores classification models; "
                    + model.name + " is " + model.description.function().toLowerCase(Locale.ROOT));
        }
        double[] probabilities = probabilities(model, using, "PREDICTION_PROBABILITY");
        if (probabilities == null || classGiven && classValue == null) {
            return null;
        }
        if (!classGiven) {
            return probabilities[best(probabilities)];
        }
        requireLabelsInMetadata(model, "PREDICTION_PROBABILITY with a class");
        List<Object> labels = model.description.labels();
        for (int i = 0; i < labels.size(); i++) {
            if (sameClass(labels.get(i), classValue)) {
                return probabilities[i];
            }
        }
        // Undocumented: the reference says nothing of a class the model does not have.
        throw OracleErrors.undocumented("model " + model.name + " has no class " + classValue + "; its classes"
                + " are " + labels);
    }

    /** The probabilities of the classes, after the softmax "normalizeProb" asks for; null for a NULL text. */
    private static double[] probabilities(LoadedModel model, Map<String, String> using, String operator)
            throws SQLException {
        Map<String, String> texts = texts(model, using, operator);
        if (texts == null) {
            return null;
        }
        float[] output = model.run(texts);
        if (output.length != model.description.labels().size()) {
            throw OracleErrors.undocumented("classification model " + model.name + " gave " + output.length
                    + " probabilities for " + model.description.labels().size() + " classes");
        }
        double[] probabilities = new double[output.length];
        double max = Double.NEGATIVE_INFINITY;
        for (float value : output) {
            max = Math.max(max, value);
        }
        double sum = 0;
        for (int i = 0; i < output.length; i++) {
            probabilities[i] = model.description.softmax() ? Math.exp(output[i] - max) : output[i];
            sum += probabilities[i];
        }
        if (model.description.softmax()) {
            for (int i = 0; i < probabilities.length; i++) {
                probabilities[i] /= sum;
            }
        }
        return probabilities;
    }

    /**
     * Each of the model's attributes with its text. The SQL reference lets built-in models score with
     * fewer attributes than they were built on (best effort); an ONNX graph cannot run without an
     * input, and what Oracle feeds it then is not documented: the stand-in refuses, with no
     * documented code. Null when an attribute's text is NULL.
     */
    private static Map<String, String> texts(LoadedModel model, Map<String, String> using, String operator)
            throws SQLException {
        for (ModelDescription.Attribute attribute : model.description.attributes()) {
            if (!using.containsKey(attribute.name())) {
                throw OracleErrors.undocumented(operator + "(" + model.name + " USING ...) does not give attribute "
                        + attribute.name() + "; the model's attributes are " + attributeNames(model) + ", the USING"
                        + " clause gives " + using.keySet());
            }
        }
        for (ModelDescription.Attribute attribute : model.description.attributes()) {
            if (using.get(attribute.name()) == null) {
                return null;
            }
        }
        return using;
    }

    private static List<String> attributeNames(LoadedModel model) {
        return model.description.attributes().stream().map(ModelDescription.Attribute::name).toList();
    }

    /** Labels read from a model output are Oracle's to give; the stand-in does not simulate that. */
    private static void requireLabelsInMetadata(LoadedModel model, String operator) throws SQLException {
        if (model.description.labelOutput() != null) {
            throw OracleErrors.undocumented("the stand-in does not read labels from model output "
                    + model.description.labelOutput() + " (classificationLabelOutput); " + operator + " needs them");
        }
    }

    /** The first class of highest probability. */
    private static int best(double[] probabilities) {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return best;
    }

    /** A string label equals the text; a number label equals the value of the text read as a number. */
    private static boolean sameClass(Object label, String classValue) {
        if (label instanceof String text) {
            return text.equals(classValue);
        }
        try {
            return ((BigDecimal) label).compareTo(new BigDecimal(classValue.strip())) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
