/**
 * Test fixtures shared by every module's tests, and usable by plugin authors: the real
 * all-MiniLM-L6-v2 laid out as a hub folder (and a copy of it that int8 quantization wrecks), a
 * small distiluse-shaped hub folder, its raw token embeddings, a sentence-transformers Dense
 * module and safetensors files here; small generated ONNX
 * models in {@code onnx}; a JUnit extension that runs a test on H2 and on PostgreSQL in {@code db};
 * a client of the registry's REST API in {@code api}; a launcher of server JVMs in {@code jvm}; an S3-compatible
 * server (S3Proxy) in {@code s3}; seeded,
 * reproducible mutated uploads (ONNX files and their metadata) for fuzz tests in {@code fuzz}; natural
 * texts in eleven writing systems for tokenizer agreement in {@code text}.
 *
 * <p>The kit depends on the plugin API but not on the engine, so that the engine's and the registry's
 * tests can use it as well; fixtures that need the engine (the post-processor contract, the built-in
 * plugins as loaded) are in {@code modeldock-plugin-testkit}.
 *
 * <p>For tests only (scope {@code test}); stable enough to build on, but not part of the plugin API.
 */
package dev.modeldock.testkit;
