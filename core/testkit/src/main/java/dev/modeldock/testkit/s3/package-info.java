/**
 * A real S3-compatible server for tests: {@link dev.modeldock.testkit.s3.S3Server} runs S3Proxy in
 * the test JVM on a random port, over a folder of its own, with one bucket made at start. The object
 * store's tests and the server's S3 tests store artifacts in it; nothing is mocked.
 *
 * <p>S3Proxy is an optional dependency of the test kit: a module that uses this package declares
 * {@code org.gaul:s3proxy} among its test dependencies.
 */
package dev.modeldock.testkit.s3;
