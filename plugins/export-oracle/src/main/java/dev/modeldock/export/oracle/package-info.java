/**
 * The {@code oracle} export target: loads a pipeline into Oracle Database with
 * {@code DBMS_VECTOR.LOAD_ONNX_MODEL} over JDBC, with Oracle's own driver in the plugin's {@code lib/}.
 * A plugin built as a third party would build one; beyond the plugin API it uses the engine's
 * stable {@code metadata} and {@code runtime} packages.
 */
package dev.modeldock.export.oracle;
