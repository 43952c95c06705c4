/**
 * The orchestration of the data path: a conversion from source to checked artifact
 * ({@link dev.modeldock.conversion.Conversion}), the OML4Py-style Java API
 * ({@link dev.modeldock.conversion.EmbeddingModel}) and bring-your-own ONNX
 * ({@link dev.modeldock.conversion.PrebuiltModel}).
 *
 * <p>The only package that imports every stage. Public for the command line and the server.
 */
package dev.modeldock.conversion;
