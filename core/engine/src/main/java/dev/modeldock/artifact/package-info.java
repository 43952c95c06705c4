/**
 * What a conversion or an upload produces: the {@link dev.modeldock.artifact.Artifact} (the checked
 * ONNX file in its staging folder, its SHA-256 and size, its Oracle metadata) and its
 * {@link dev.modeldock.artifact.Provenance} (source, revision, SHA-256 of every input file,
 * configuration, plugins, tool version, kind, parity report).
 *
 * <p>A stage after {@code validation}, since the provenance holds the parity report, and before
 * {@code metadata}, which writes the provenance into {@code modelDescription}. Public for the
 * command line, the server and export targets' callers: the one artifact type and the one
 * provenance type of the engine.
 */
package dev.modeldock.artifact;
