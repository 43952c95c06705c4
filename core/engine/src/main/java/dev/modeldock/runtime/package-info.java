/**
 * ONNX Runtime with onnxruntime-extensions registered: sessions over a model file
 * ({@link dev.modeldock.runtime.OrtSessions}) and an exported pipeline run as the database runs it
 * ({@link dev.modeldock.runtime.PipelineSession}).
 *
 * <p>A foundation of the engine. Stable for export targets: a target may use
 * {@code PipelineSession} to compute the embedding it compares a deployment with.
 */
package dev.modeldock.runtime;
