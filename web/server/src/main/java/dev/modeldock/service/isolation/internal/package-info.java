/**
 * Internals of {@link dev.modeldock.service.isolation}, public only because that package calls
 * them: not for any other caller. The parent's side ({@code JavaChild}, which starts and kills a
 * child and reads its answers; {@code MemoryWatchdog}; {@code LoadCheckWorker} and
 * {@code ConversionChild}) and the children's mains ({@code LoadCheckMain}, {@code ConversionMain}
 * over {@code ParentChannel}), which speak JSON lines ({@code Messages}): requests on the child's
 * standard input, answers on its standard output.
 */
package dev.modeldock.service.isolation.internal;
