package dev.modeldock.benchmark;

import dev.modeldock.host.Extensions;
import dev.modeldock.host.PluginSources;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.testkit.jvm.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry server ({@code modeldock serve}) in a child JVM started from this JVM's class path
 * (by the test kit's {@link ChildJvm}), with a heap limit of its own. What a benchmark measures is
 * then the server alone under the memory it is given, and a server that runs out of heap exits,
 * saying so in its output, instead of answering 500 and living on. Its GC log is read for the heap
 * figures.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern MAX_HEAP = Pattern.compile("Heap Max Capacity: (\\d+[KMG]?)");
    /** A GC line's heap occupancy before and after, e.g. {@code 120M->31M(256M)}. */
    private static final Pattern OCCUPANCY = Pattern.compile("(\\d+[KMG]?)->(\\d+[KMG]?)\\((\\d+[KMG]?)\\)");

    private final ChildJvm jvm;
    private final Path gcLog;

    private ServerProcess(ChildJvm jvm, Path gcLog) {
        this.jvm = jvm;
        this.gcLog = gcLog;
    }

    /**
     * Starts the server on any free port and waits until it prints the line naming that port.
     *
     * @param heap       the child's {@code -Xmx}, e.g. {@code 256m}
     * @param adminToken the first admin's token, passed as {@code MODELDOCK_ADMIN_TOKEN}
     * @param store      the artifact store it keeps its data in: its options and environment
     * @param logDir     where the child's output, errors and GC log go
     * @throws ModelDockException when the child exits or is not ready within {@code timeout}
     */
    static ServerProcess start(String heap, Path dataDir, String adminToken, StoreUnderTest store, Path logDir,
            Duration timeout) throws IOException {
        Path gcLog = Files.createDirectories(logDir).resolve("server-gc.log");
        List<String> arguments = new ArrayList<>(List.of("serve", "--port", "0", "--data-dir", dataDir.toString()));
        arguments.addAll(store.serveOptions());
        ChildJvm.Builder builder = ChildJvm.java("dev.modeldock.cli.ModelDockCommand",
                        arguments.toArray(String[]::new))
                .jvmOptions("-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc,gc+init:file=" + gcLog)
                // The folder this JVM found its plugins in, which a child started from a class path
                // of directories (a test run) could not work out by itself.
                .systemProperty(PluginSources.BUILTIN_DIR_PROPERTY, Extensions.defaultFolder().toString())
                .environment("MODELDOCK_ADMIN_TOKEN", adminToken)
                .logs(logDir, "server");
        store.environment().forEach(builder::environment);
        ChildJvm jvm = builder.start();
        try {
            jvm.awaitPort(ChildJvm.MODELDOCK_LISTENING, timeout);
        } catch (AssertionError e) {
            jvm.close();
            throw new ModelDockException("the registry server did not start: " + e.getMessage());
        }
        return new ServerProcess(jvm, gcLog);
    }

    public int port() {
        return jvm.port();
    }

    public long pid() {
        return jvm.pid();
    }

    public boolean isAlive() {
        return jvm.isAlive();
    }

    /** The child's state and what it printed about why it stopped. */
    public String exitReport() {
        return jvm.report();
    }

    /** Whether the child reported running out of memory, as -XX:+ExitOnOutOfMemoryError does before exiting. */
    public boolean ranOutOfMemory() {
        return jvm.output().contains("OutOfMemoryError") || jvm.errors().contains("OutOfMemoryError");
    }

    /** The CPU time the child has used so far, all threads; zero where the platform does not tell. */
    public Duration cpuTime() {
        return jvm.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** The largest resident set the child has had (VmHWM), where /proc tells it: Linux only. */
    public OptionalLong peakResidentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the child is gone: the figure is simply not available
        }
        return OptionalLong.empty();
    }

    /** The heap limit the child's garbage collector reported at start, the proof that {@code -Xmx} took. */
    public OptionalLong maxHeapBytes() throws IOException {
        Matcher m = MAX_HEAP.matcher(Files.readString(gcLog, StandardCharsets.UTF_8));
        return m.find() ? OptionalLong.of(bytes(m.group(1))) : OptionalLong.empty();
    }

    /**
     * The child's heap over its GC pauses so far: the most in use when one started (how full the
     * collector let the heap get) and when one ended (an upper bound of what the server held: a
     * young collection leaves garbage in the old generation in place), how many pauses there were,
     * and how many of them were full collections (the heap had no room left for anything else).
     */
    public record HeapPeaks(long beforePause, long afterPause, long pauses, long fullCollections) {
    }

    /** What the child's GC log says about its heap so far; empty before its first pause. */
    public Optional<HeapPeaks> heapPeaks() throws IOException {
        long before = -1;
        long after = -1;
        long pauses = 0;
        long full = 0;
        for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
            Matcher m = OCCUPANCY.matcher(line);
            if (m.find()) {
                before = Math.max(before, bytes(m.group(1)));
                after = Math.max(after, bytes(m.group(2)));
                pauses++;
                full += line.contains("Pause Full") ? 1 : 0;
            }
        }
        return pauses == 0 ? Optional.empty() : Optional.of(new HeapPeaks(before, after, pauses, full));
    }

    /** Stops the child as Ctrl-C would, so that it closes its database; kills it if that takes too long. */
    @Override
    public void close() throws InterruptedException {
        jvm.stop(Duration.ofSeconds(30));
        jvm.close();
    }

    private static long bytes(String size) {
        char unit = size.charAt(size.length() - 1);
        long shift = switch (unit) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            default -> 0;
        };
        String digits = shift == 0 ? size : size.substring(0, size.length() - 1);
        return Long.parseLong(digits) << shift;
    }
}
