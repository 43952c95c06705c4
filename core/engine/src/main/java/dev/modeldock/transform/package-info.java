/**
 * The stage between the pipeline graph and validation: rewrites of a built pipeline graph that keep
 * what it computes and make it smaller or faster: int8 weight quantization
 * ({@link dev.modeldock.transform.WeightQuantization}) and float16 weights
 * ({@link dev.modeldock.transform.Float16Weights}).
 *
 * <p>Imports the foundations and the source, plan and graph stages only; validation and the later
 * stages may import it. Every rewrite uses standard ONNX operators only (opset at most 17, what ONNX
 * Runtime 1.15's CPU provider runs), so its result stays loadable by Oracle's embedded runtime.
 */
package dev.modeldock.transform;
