/**
 * ONNX Runtime for models that came from outside, run in child processes of the server so that
 * native code never sees an untrusted model inside it: {@link dev.modeldock.service.isolation.IsolatedRuntime}
 * checks that an upload loads and embeds the playground's texts (on a warm worker process that serves
 * one request at a time) and runs a
 * conversion with its validation (in a fresh process per job). Each child is a JVM started from the
 * server's own class path, with the same plugins, a heap of its own, a resident-memory limit and a
 * time limit ({@link dev.modeldock.service.isolation.ChildLimits}); a child that crashes, passes a
 * limit or hangs is killed and its request fails with an
 * {@link dev.modeldock.service.isolation.IsolationFailure} naming the problem. The command line runs
 * the engine in its own process and does not use this package.
 */
package dev.modeldock.service.isolation;
