/**
 * Test fixtures shared by every module's tests, and usable by plugin authors: small generated ONNX
 * models, the real all-MiniLM-L6-v2 laid out as a hub folder, and the built-in plugins loaded as the
 * host loads them.
 *
 * <p>For tests only (scope {@code test}); stable enough to build on, but not part of the plugin API.
 */
package dev.modeldock.testkit;
