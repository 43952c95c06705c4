/**
 * The orchestration of the data path: a conversion from source to checked
 * {@link dev.modeldock.artifact.Artifact} ({@link dev.modeldock.conversion.Conversion}), the
 * OML4Py-style Java API ({@link dev.modeldock.conversion.EmbeddingModel}) and bring-your-own ONNX
 * ({@link dev.modeldock.conversion.PrebuiltModel}), both of which end in the same artifact type.
 *
 * <p>The only package that imports every stage. Public for the command line and the server.
 */
package dev.modeldock.conversion;
