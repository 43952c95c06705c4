package dev.modeldock.export.oracle.standin;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What LOAD_ONNX_MODEL derived from a model and its metadata: the rows the dictionary shows and what
 * scoring needs.
 *
 * @param function        MINING_FUNCTION: EMBEDDING, CLASSIFICATION, REGRESSION or CLUSTERING
 * @param attributes      the input attributes, in the order of the model's inputs
 * @param output          the model output scoring reads
 * @param vectorDimension for an embedding, the size of the output's fixed dimension; otherwise 0
 * @param vectorFormat    for an embedding, FLOAT32 or FLOAT64; otherwise null
 * @param labels          for a classification, the class each probability belongs to, as PREDICTION
 *                        returns it (a String, or a BigDecimal); otherwise empty
 * @param softmax         for a classification, whether "normalizeProb" asks for softmax over the output
 * @param labelOutput     for a classification, the output holding the labels ("classificationLabelOutput"),
 *                        which the stand-in accepts at load but does not read; otherwise null
 */
record ModelDescription(String function, List<Attribute> attributes, String output, long vectorDimension,
        String vectorFormat, List<Object> labels, boolean softmax, String labelOutput) {

    /** The target attribute name of every ONNX model (ALL_MINING_MODEL_ATTRIBUTES reference). */
    static final String TARGET = "ORA$ONNXTARGET";

    ModelDescription {
        attributes = List.copyOf(attributes);
        labels = List.copyOf(labels);
    }

    /** A model of a function other than embedding and classification: no vector, no labels. */
    static ModelDescription of(String function, List<Attribute> attributes, String output) {
        return new ModelDescription(function, attributes, output, 0, null, List.of(), false, null);
    }

    /**
     * A classification model. Without labels in the metadata the classes are the numbers 1 to N
     * ("JSON Metadata Parameters for ONNX Models", labels).
     */
    static ModelDescription classification(List<Attribute> attributes, String output, long classes,
            List<Object> labels, boolean softmax, String labelOutput) {
        List<Object> named = labels;
        if (named == null) {
            named = new ArrayList<>();
            for (long i = 1; i <= classes; i++) {
                named.add(BigDecimal.valueOf(i));
            }
        }
        return new ModelDescription("CLASSIFICATION", attributes, output, 0, null, named, softmax, labelOutput);
    }

    boolean isEmbedding() {
        return "EMBEDDING".equals(function);
    }

    /** Whether PREDICTION returns text (VARCHAR2): a classification with string labels. */
    boolean predictsText() {
        return !labels.isEmpty() && labels.get(0) instanceof String;
    }

    /** The attribute called {@code name}, or null. */
    Attribute attribute(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
    }

    /** The row's VECTOR_INFO, e.g. VECTOR(384,FLOAT32). */
    String vectorInfo() {
        return "VECTOR(" + vectorDimension + "," + vectorFormat + ")";
    }

    /**
     * One input attribute.
     *
     * @param name          ATTRIBUTE_NAME
     * @param tensor        the model input it feeds
     * @param attributeType ATTRIBUTE_TYPE: TEXT for strings, NUMERICAL for numbers
     * @param dataType      DATA_TYPE: VARCHAR2 or NUMBER
     */
    record Attribute(String name, String tensor, String attributeType, String dataType) {
    }
}
