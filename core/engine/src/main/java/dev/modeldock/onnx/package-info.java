/**
 * ONNX files as data: reading and writing models ({@link dev.modeldock.onnx.OnnxModels}), reading a
 * model's structure without its weights ({@link dev.modeldock.onnx.StructureReader}), the structural
 * rules a model from outside must keep before native code sees it ({@link dev.modeldock.onnx.ModelChecks},
 * through {@code OnnxModels.readChecked} and {@code readStructureChecked}), a model's inputs and
 * outputs ({@link dev.modeldock.onnx.ModelSignature}), and external data: read into a model
 * ({@link dev.modeldock.onnx.ExternalData}) and laid out for writing ({@link dev.modeldock.onnx.DataFile}).
 *
 * <p>A foundation of the engine, used by every stage; it knows nothing of pipelines. Not part of
 * the plugin API: plugins build graphs through {@link dev.modeldock.plugin.GraphBuilder}.
 */
package dev.modeldock.onnx;
