/**
 * The extension points of ModelDock: what a plugin implements and the few value types it sees.
 *
 * <p>A conversion turns a model folder into one ONNX graph, string in and vector out. Three kinds of
 * extension take part, each a pf4j {@link org.pf4j.ExtensionPoint}:
 * <ul>
 *   <li>{@link dev.modeldock.plugin.Tokenizer} recognises a model's tokenizer files and emits the nodes
 *       that turn the input string, or a pair of strings for a cross-encoder, into token ids
 *       ({@link dev.modeldock.plugin.LongestFirst} cuts a pair to the sequence length as Hugging Face
 *       does);</li>
 *   <li>{@link dev.modeldock.plugin.PostProcessor} appends nodes after the encoder (pooling,
 *       normalisation, dense layers) and evaluates the same step in plain Java, the reference the
 *       pipeline is checked against;</li>
 *   <li>{@link dev.modeldock.plugin.ExportTarget} delivers a finished artifact somewhere (a folder, a
 *       database), and declares the settings it takes as {@link dev.modeldock.plugin.Setting}s.</li>
 * </ul>
 *
 * <p>Plugins add nodes through {@link dev.modeldock.plugin.GraphBuilder}, so they never depend on
 * the ONNX protobuf classes, and report problems a user can fix with
 * {@link dev.modeldock.plugin.ModelDockException}. A plugin compiles against this package (scope
 * {@code provided}) and pf4j; native libraries such as ONNX Runtime stay in the host.
 *
 * <h2>Versioning</h2>
 * <p>This package has its own semantic version, {@link dev.modeldock.plugin.PluginApi#VERSION}, which
 * is not ModelDock's release version: it is stated once, as {@code plugin.api.version} in the root
 * pom, and it is the version the host gives pf4j. Every plugin says in its {@code plugin.properties}
 * which API versions it runs against, as a pf4j (jsemver) range starting at the version it was compiled
 * against, normally the caret range {@code plugin.requires=^X.Y.Z}. The built-in plugins get exactly
 * that from {@code src/build/plugin.properties}. The host refuses to load, with a message naming the
 * plugin, its range and the host's version, a plugin whose range does not contain the host's version,
 * one whose range does not parse, and one with no {@code plugin.requires} (or {@code *}): a plugin that
 * states nothing could only fail later, mid-conversion, with an {@code AbstractMethodError}. A bare
 * {@code X.Y.Z} means {@code >=X.Y.Z} to pf4j, so it would also accept incompatible later versions.
 *
 * <p>The version changes with this package, and only with it:
 * <ul>
 *   <li>major, for any change that can break a compiled plugin: a method added without a default, a
 *       method or type removed, renamed or given another signature, a documented behaviour changed;
 *       a plugin must then be rebuilt and declare the new range;</li>
 *   <li>minor, for additions old plugins keep working with: a method with a default, a new type, a new
 *       extension point; a plugin that uses an addition requires the minor that brought it;</li>
 *   <li>patch, for documentation and fixes that change no signature or contract.</li>
 * </ul>
 * While the major is 0 (as now), each number moves one place to the right, as caret ranges read it:
 * the minor is the breaking number and the patch the additive one (clarifications then need no new
 * version), so {@code ^0.1.0} means {@code >=0.1.0 & <0.2.0}.
 */
package dev.modeldock.plugin;
