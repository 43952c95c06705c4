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
 * {@link dev.modeldock.plugin.ModelDockException}. A plugin compiles against this package, the
 * artifact {@code dev.modeldock:modeldock-api} (scope {@code provided}), and pf4j; native libraries
 * such as ONNX Runtime stay in the host.
 *
 * <h2>The graph a plugin's nodes go into</h2>
 * <ul>
 *   <li><b>Opset.</b> A pipeline is labelled with one opset of the default ONNX domain from 13 to 18
 *       inclusive: 17 (what OML4Py writes) when the encoder allows it, 18 when the encoder itself uses 18,
 *       and 13 to 16 only when the encoder's operators cannot be relabelled to 17. A plugin may rely on the
 *       operators of opset 13 and must emit nodes valid at whichever of 13 to 18 the graph has
 *       ({@link dev.modeldock.plugin.GraphBuilder#opset()}): an operator whose form changed in that range
 *       (ReduceMean, ReduceMax, ReduceMin, ReduceProd take their axes as an input from 18 on) must be
 *       emitted in the form of that opset. Oracle Database runs the graph on ONNX Runtime 1.15.1.</li>
 *   <li><b>Operators.</b> Only standard operators of the default domain, plus the tokenizer operators
 *       of {@value dev.modeldock.plugin.GraphBuilder#CONTRIB_DOMAIN} listed at
 *       {@link dev.modeldock.plugin.GraphBuilder#CONTRIB_DOMAIN}; the graph builder refuses any other
 *       domain or custom operator.</li>
 *   <li><b>Shapes.</b> A pipeline takes one text per call (Oracle scores one row at a time), so the
 *       leading (batch) dimension is 1: the input text is a string tensor of shape [1]; a tokenizer
 *       produces int64 {@code input_ids}, {@code attention_mask} and {@code token_type_ids} of shape
 *       [1, tokens]; a post-processor receives float32 token embeddings [1, tokens, width] with the int64
 *       attention mask [1, tokens], or a float32 sentence embedding [1, width]
 *       ({@link dev.modeldock.plugin.Activation}). Nodes that reduce over tokens or normalise over the
 *       width use axis 1 and axis -1, never a reshape to a fixed batch of 1.</li>
 * </ul>
 * Each extension point's documentation says what it receives and must produce.
 *
 * <h2>Metadata a post-processor implies</h2>
 * <p>{@link dev.modeldock.plugin.PostProcessor#metadata} contributes to the vector's fields in Oracle's
 * import metadata. Two keys exist; any other key is ignored:
 * <ul>
 *   <li>{@code pooling}, a string (e.g. {@code "Mean Pooling"}): Oracle's {@code pooling} field. Several
 *       steps' values combine by the last one in the pipeline's order that states it;</li>
 *   <li>{@code normalization}, a boolean: whether the embedding leaving the step has unit L2 length.
 *       Only the last step's value counts, and a last step that does not state it leaves
 *       {@code normalization} false: a step after Normalize (a Dense layer, say) can change the length.
 *       A step that keeps unit length, such as a truncation that re-normalises, says
 *       {@code true} itself.</li>
 * </ul>
 * A value of another type (a pooling that is not a string, a normalization that is not a boolean)
 * fails the conversion with a message naming the step.
 *
 * <h2>Versioning</h2>
 * <p>This package has its own semantic version, {@link dev.modeldock.plugin.PluginApi#VERSION}, which
 * is not ModelDock's release version: it is the Maven version of {@code dev.modeldock:modeldock-api},
 * first published as 1.0.0, and it is the version the host gives pf4j. Every type and member is
 * {@code @since 1.0.0} unless it says otherwise (a member without {@code @since} dates from its type's);
 * the 0.x versions before it were never published. Every plugin says in its
 * {@code plugin.properties} which API versions it runs against, as a pf4j (jsemver) range starting at
 * the version it was compiled against, normally the caret range {@code plugin.requires=^X.Y.Z}, which
 * holds every version up to the next major. The built-in plugins, and a plugin made from the plugin
 * archetype, get exactly that from the skeleton's {@code src/plugin/plugin.properties}. The host refuses to load, with a message naming the plugin, its
 * range and the host's version, a plugin whose range does not contain the host's version, one whose
 * range does not parse, and one with no {@code plugin.requires} (or {@code *}): a plugin that states
 * nothing could only fail later, mid-conversion, with an {@code AbstractMethodError}. A bare
 * {@code X.Y.Z} means {@code >=X.Y.Z} to pf4j, so it would also accept incompatible later versions.
 *
 * <p>The version changes with this package, and only with it:
 * <ul>
 *   <li>major, for any change that can break a compiled plugin or its source: a method added to an
 *       interface without a default, a method or type removed, renamed or given another signature, a
 *       checked exception added, a documented behaviour changed; a plugin must then be rebuilt and
 *       declare the new range;</li>
 *   <li>minor, for additions old plugins keep working with: a method with a default, a new type, a new
 *       extension point; a plugin that uses an addition requires the minor that brought it;</li>
 *   <li>patch, for documentation and fixes that change no signature or contract.</li>
 * </ul>
 *
 * <p>The build holds the signatures to this rule: japicmp compares the jar with the published
 * baseline, {@code core/api/src/baseline/modeldock-api-X.0.0.jar} of the current major, and fails when
 * a binary- or source-incompatible change comes without a new major version, or an addition without a
 * new minor. At a major release the baseline moves: the version becomes {@code (X+1).0.0} (here and as
 * the root pom's {@code plugin.api.version}), the build passes against the old baseline because the
 * major changed, and the new jar replaces the old one in {@code src/baseline/} (its README has the
 * commands) so that the next changes are held against the new major. Behaviour the signatures do not
 * show is held by review.
 */
package dev.modeldock.plugin;
