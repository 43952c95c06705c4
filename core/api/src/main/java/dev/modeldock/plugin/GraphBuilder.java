package dev.modeldock.plugin;

import java.util.List;
import java.util.Map;

/**
 * Adds nodes and constants to the ONNX graph being built. Names handed out are unique in the graph;
 * a plugin passes them on as inputs of the nodes it adds next.
 *
 * <p>Attribute values map to ONNX attribute types by their Java type: {@code Integer}, {@code Long}
 * and {@code Boolean} (as 0/1) to INT, {@code Float} and {@code Double} to FLOAT, {@code String} to
 * STRING, {@code long[]} to INTS, {@code float[]} to FLOATS and {@code List<String>} to STRINGS.
 *
 * @since 1.0.0
 */
public interface GraphBuilder {

    /**
     * The domain of onnxruntime-extensions' custom operators, the only custom domain allowed, and of it
     * only the tokenizer operators ({@code BertTokenizer}, {@code SentencepieceTokenizer},
     * {@code GPT2Tokenizer}, {@code RobertaTokenizer}, {@code CLIPTokenizer}, {@code BasicTokenizer},
     * {@code WordpieceTokenizer}): Oracle Database documents loading no other custom operator.
     */
    String CONTRIB_DOMAIN = "ai.onnx.contrib";

    /**
     * The opset of the default domain the graph is labelled with. Some operators changed form over
     * versions (ReduceMax takes its axes as an input from 18 on), so a plugin that emits them asks.
     */
    int opset();

    /**
     * Adds a node and returns the names of its outputs.
     *
     * @param domain      "" for the default ONNX domain, or {@link #CONTRIB_DOMAIN}
     * @param opType      the operator, e.g. "ReduceSum"
     * @param inputs      names of existing tensors; "" for an omitted optional input
     * @param outputCount how many outputs the node has
     * @param attributes  attribute values by name, see the class comment for the types; they are
     *                    written in name order, whatever order the map iterates in
     */
    List<String> node(String domain, String opType, List<String> inputs, int outputCount,
            Map<String, ?> attributes);

    /** Adds a default-domain node with one output and returns that output's name. */
    default String node(String opType, List<String> inputs, Map<String, ?> attributes) {
        return node("", opType, inputs, 1, attributes).get(0);
    }

    /** Adds a default-domain node with one output and no attributes. */
    default String node(String opType, String... inputs) {
        return node(opType, List.of(inputs), Map.of());
    }

    /** Adds a float32 constant (an initializer) of the given shape and returns its name. */
    String constant(String nameHint, float[] values, long... shape);

    /** Adds an int64 constant (an initializer) of the given shape and returns its name. */
    String constant(String nameHint, long[] values, long... shape);
}
