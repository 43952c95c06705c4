package dev.modeldock.benchmark;

import dev.modeldock.host.Extensions;
import dev.modeldock.plugin.ModelDockException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A registry server ({@code modeldock serve}) in a child JVM started from this JVM's class path,
 * with a heap limit of its own. What a benchmark measures is then the server alone under the
 * memory it is given, and a server that runs out of heap exits, saying so in its output, instead
 * of answering 500 and living on.
 *
 * <p>Its standard output and error go to files in the log folder, never to pipes: a child that
 * prints a lot can then never block on a pipe nobody reads.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("ModelDock registry on http://localhost:(\\d+)/api/v1");
    private static final Pattern MAX_HEAP = Pattern.compile("Heap Max Capacity: (\\d+[KMG]?)");
    /** A GC line's heap occupancy before and after, e.g. {@code 120M->31M(256M)}. */
    private static final Pattern OCCUPANCY = Pattern.compile("(\\d+[KMG]?)->(\\d+[KMG]?)\\((\\d+[KMG]?)\\)");

    private final Process process;
    private final int port;
    private final Path out;
    private final Path err;
    private final Path gcLog;

    private ServerProcess(Process process, int port, Path out, Path err, Path gcLog) {
        this.process = process;
        this.port = port;
        this.out = out;
        this.err = err;
        this.gcLog = gcLog;
    }

    /**
     * Starts the server on any free port and waits until it prints the line naming that port.
     *
     * @param heap       the child's {@code -Xmx}, e.g. {@code 256m}
     * @param adminToken the first admin's token, passed as {@code MODELDOCK_ADMIN_TOKEN}
     * @param logDir     where the child's output, errors and GC log go
     * @throws ModelDockException when the child exits or is not ready within {@code timeout}
     */
    public static ServerProcess start(String heap, Path dataDir, String adminToken, Path logDir, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(logDir);
        Path out = logDir.resolve("server.out");
        Path err = logDir.resolve("server.err");
        Path gcLog = logDir.resolve("server-gc.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError",
                "-Xlog:gc,gc+init:file=" + gcLog,
                // The folder this JVM found its plugins in, which a child started from a class path
                // of directories (a test run) could not work out by itself.
                "-D" + Extensions.PLUGINS_DIR_PROPERTY + "=" + Extensions.defaultFolder(),
                "-cp", System.getProperty("java.class.path"), "dev.modeldock.cli.ModelDockCommand",
                "serve", "--port", "0", "--data-dir", dataDir.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("MODELDOCK_ADMIN_TOKEN", adminToken);
        Process process = builder.start();
        ServerProcess server = new ServerProcess(process, -1, out, err, gcLog);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher ready = READY.matcher(Files.readString(out, StandardCharsets.UTF_8));
            if (ready.find()) {
                return new ServerProcess(process, Integer.parseInt(ready.group(1)), out, err, gcLog);
            }
            if (!process.isAlive()) {
                throw new ModelDockException("the registry server did not start: " + server.exitReport());
            }
            Thread.sleep(50);
        }
        server.close();
        throw new ModelDockException("the registry server printed no port within " + timeout.toSeconds() + " s; "
                + server.exitReport());
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * The child's exit status and what it printed about a failure (errors, exceptions, running out
     * of memory), or else the end of its standard error: for a message saying why it stopped.
     */
    public String exitReport() {
        String status = process.isAlive() ? "still running" : "exited with status " + process.exitValue();
        List<String> printed = new ArrayList<>(lines(out));
        printed.addAll(lines(err));
        List<String> problems = printed.stream().filter(line -> line.contains("OutOfMemoryError")
                || line.contains("ERROR") || line.startsWith("Exception") || line.startsWith("Caused by")).toList();
        List<String> shown = problems.isEmpty() ? lines(err) : problems;
        return status + "; it printed: " + String.join(" | ", shown.subList(Math.max(0, shown.size() - 6),
                shown.size()));
    }

    /** Whether the child reported running out of memory, as -XX:+ExitOnOutOfMemoryError does before exiting. */
    public boolean ranOutOfMemory() {
        return Stream.of(out, err).flatMap(file -> lines(file).stream())
                .anyMatch(line -> line.contains("OutOfMemoryError"));
    }

    /** The CPU time the child has used so far, all threads; zero where the platform does not tell. */
    public Duration cpuTime() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
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
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
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

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return List.of("(" + file + " is unreadable: " + e.getMessage() + ")");
        }
    }
}
