package dev.modeldock.service.isolation.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills a child whose resident memory passes its limit. ONNX Runtime allocates natively, outside
 * the Java heap, so {@code -Xmx} does not bound it: the watchdog reads the child's VmRSS from
 * Linux's {@code /proc/<pid>/status} every {@value #POLL_MILLIS} ms while it lives. Where there is
 * no {@code /proc}, the limit cannot be enforced, which is said once in the log.
 */
final class MemoryWatchdog {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryWatchdog.class);
    private static final long POLL_MILLIS = 20;
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private MemoryWatchdog() {
    }

    /** Watches {@code child} on a daemon thread of its own until it ends. */
    static void watch(JavaChild child, long limitBytes) {
        Thread thread = new Thread(() -> {
            while (child.isAlive()) {
                OptionalLong rss = residentBytes(child.pid());
                if (rss.isEmpty()) {
                    // A child that just ended has no VmRSS any more; this process always has one.
                    if (residentBytes(ProcessHandle.current().pid()).isEmpty() && !WARNED.getAndSet(true)) {
                        LOG.warn("cannot read a child process's memory (no /proc/<pid>/status): memory limits are not"
                                + " enforced");
                    }
                    return;
                }
                if (rss.getAsLong() > limitBytes) {
                    child.kill(JavaChild.Cause.MEMORY);
                    return;
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "modeldock-memory-watchdog-" + child.pid());
        thread.setDaemon(true);
        thread.start();
    }

    /** The process's resident set, or empty when it cannot be read (gone, or no /proc). */
    static OptionalLong residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String kilobytes = line.substring("VmRSS:".length()).replace("kB", "").trim();
                    return OptionalLong.of(Long.parseLong(kilobytes) * 1024);
                }
            }
            return OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
