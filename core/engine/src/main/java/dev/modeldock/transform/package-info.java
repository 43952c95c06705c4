/**
 * Graph rewrites that make the pipeline smaller or faster: int8 weight quantization, float16 weights
 * ({@link dev.modeldock.transform.Float16Weights}).
 *
 * <p>The stage between the pipeline graph and validation: imports the foundations and the source, plan
 * and graph stages only; validation and the later stages may import it. Every rewrite uses standard
 * ONNX operators only (opset at most 17, what ONNX Runtime 1.15's CPU provider runs), so its result
 * stays loadable by Oracle's embedded runtime.
 */
package dev.modeldock.transform;
