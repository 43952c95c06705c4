/**
 * The extension points of ModelDock: what a plugin implements and the few value types it sees.
 *
 * <p>A conversion turns a model folder into one ONNX graph, string in and vector out. Three kinds of
 * extension take part, each a pf4j {@link org.pf4j.ExtensionPoint}:
 * <ul>
 *   <li>{@link dev.modeldock.plugin.Tokenizer} recognises a model's tokenizer files and emits the nodes
 *       that turn the input string into token ids;</li>
 *   <li>{@link dev.modeldock.plugin.PostProcessor} appends nodes after the encoder (pooling,
 *       normalisation, dense layers) and evaluates the same step in plain Java, the reference the
 *       pipeline is checked against;</li>
 *   <li>{@link dev.modeldock.plugin.ExportTarget} delivers a finished artifact somewhere (a folder, a
 *       database).</li>
 * </ul>
 *
 * <p>Plugins add nodes through {@link dev.modeldock.plugin.GraphBuilder}, so they never depend on
 * the ONNX protobuf classes, and report problems a user can fix with
 * {@link dev.modeldock.plugin.ModelDockException}. A plugin compiles against this package (scope
 * {@code provided}) and pf4j; native libraries such as ONNX Runtime stay in the host.
 */
package dev.modeldock.plugin;
