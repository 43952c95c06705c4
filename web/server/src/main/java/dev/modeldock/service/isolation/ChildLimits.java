package dev.modeldock.service.isolation;

import java.time.Duration;

/**
 * What one child process may use.
 *
 * @param heapMb   its Java heap ({@code -Xmx}), in MiB
 * @param memoryMb its resident memory (heap, native memory, everything), in MiB; killed past it
 * @param timeout  how long its task may take; killed after it
 */
public record ChildLimits(int heapMb, int memoryMb, Duration timeout) {
}
