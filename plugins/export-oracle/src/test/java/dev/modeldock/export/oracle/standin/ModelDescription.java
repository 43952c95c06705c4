package dev.modeldock.export.oracle.standin;

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
 */
record ModelDescription(String function, List<Attribute> attributes, String output, long vectorDimension,
        String vectorFormat) {

    /** The target attribute name of every ONNX model (ALL_MINING_MODEL_ATTRIBUTES reference). */
    static final String TARGET = "ORA$ONNXTARGET";

    ModelDescription {
        attributes = List.copyOf(attributes);
    }

    boolean isEmbedding() {
        return "EMBEDDING".equals(function);
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
