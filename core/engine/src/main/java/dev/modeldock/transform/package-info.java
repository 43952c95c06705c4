/**
 * The fourth stage: rewrites of a built pipeline graph that keep what it computes (int8 weight
 * quantization in {@link dev.modeldock.transform.WeightQuantization}, float16 weights), each using
 * standard ONNX operators only so that the database's runtime still runs the result.
 *
 * <p>Engine-internal: imports the graph, plan and source stages and the foundations only.
 */
package dev.modeldock.transform;
