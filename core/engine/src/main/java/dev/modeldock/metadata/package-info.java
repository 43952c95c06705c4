/**
 * Oracle's import metadata for ONNX models: the document ({@link dev.modeldock.metadata.OnnxMetadata},
 * read and written by {@link dev.modeldock.metadata.MetadataJson}), the checker that reports every
 * problem Oracle would raise with its ORA code ({@link dev.modeldock.metadata.MetadataChecker}), the
 * metadata of a converted pipeline ({@link dev.modeldock.metadata.PipelineMetadata}) and Oracle's
 * names, languages ({@link dev.modeldock.metadata.OracleLanguages}) and error catalog, each kept as
 * data beside its class with the page it comes from.
 *
 * <p>Stable for export targets: the Oracle target uses {@code OracleNames} and {@code OracleErrors}.
 */
package dev.modeldock.metadata;
