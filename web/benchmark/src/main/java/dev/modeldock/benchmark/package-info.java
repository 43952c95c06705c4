/**
 * Benchmark commands that print figures, run by {@code src/bin/benchmark} and
 * {@code src/bin/benchmark-registry} through {@link dev.modeldock.benchmark.BenchmarkMain}: conversion
 * time and embedding throughput (float32, int8 and float16 weights side by side), and the registry
 * server's upload, download and listing figures.
 *
 * <p>Never shipped in {@code modeldock.jar}; not an API.
 */
package dev.modeldock.benchmark;
