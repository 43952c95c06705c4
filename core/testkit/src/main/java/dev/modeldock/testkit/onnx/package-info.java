/**
 * ONNX models for tests, built here without the engine so that every module's tests can use them,
 * the engine's included: {@link dev.modeldock.testkit.onnx.SmallModels} (a classifier, regressor,
 * clusterer or text embedder of the shape a test asks for), {@link dev.modeldock.testkit.onnx.SyntheticModel}
 * (a regressor of any size up to 2 GB, streamed to disk), {@link dev.modeldock.testkit.onnx.OnnxGraph}
 * (a graph a node at a time), {@link dev.modeldock.testkit.onnx.OnnxFixtures} (models, files and
 * running them in ONNX Runtime), and {@link dev.modeldock.testkit.onnx.HostileModels} (models breaking
 * one rule of the ONNX specification each, some of which crash ONNX Runtime: never load them).
 */
package dev.modeldock.testkit.onnx;
