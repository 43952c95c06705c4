/**
 * Programs in JVMs of their own: {@link dev.modeldock.testkit.jvm.ChildJvm} starts a main class from
 * a class path with JVM options, system properties and environment, captures its output in files,
 * finds a server's port in what it prints, and stops or kills it. The crash-recovery tests and the
 * registry benchmark run {@code modeldock serve} with it; heap tests run a check under a small heap.
 */
package dev.modeldock.testkit.jvm;
