package dev.modeldock.service.isolation.internal;

import dev.modeldock.artifact.Artifact;
import dev.modeldock.host.PluginSources;
import dev.modeldock.registry.OwnerOnlyFile;
import dev.modeldock.service.isolation.ChildLimits;
import dev.modeldock.service.isolation.IsolationFailure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One child JVM, started from the server's own class path ({@code java.class.path}: the fat jar, or
 * a test's class path) with the server's plugins, running one of the mains of this package. Its
 * standard input takes requests, its standard output gives answers ({@link Messages}); its standard
 * error, any crash report and its temporary files (ONNX Runtime unpacks its native libraries there)
 * go to a scratch folder of its own, removed when it is closed, so that a worker replaced after
 * every crash leaves nothing behind. It is killed when its memory passes the limit
 * ({@link MemoryWatchdog}), when an answer takes too long, and when it is closed.
 */
final class JavaChild implements AutoCloseable {
    /** Why the parent killed the child. */
    enum Cause { TIMEOUT, MEMORY }

    /** {@code -XX:+ExitOnOutOfMemoryError} ends the JVM with this status when its heap is exhausted. */
    private static final int HEAP_EXHAUSTED = 3;
    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);

    private final Process process;
    private final Writer input;
    private final Path scratch;
    private final Path errors;
    private final ChildLimits limits;
    /** The child's messages; an empty one when its output has ended. */
    private final BlockingQueue<Optional<Map<String, Object>>> answers = new LinkedBlockingQueue<>();
    private volatile Cause killedFor;

    private JavaChild(Process process, Path scratch, Path errors, ChildLimits limits) {
        this.process = process;
        this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.scratch = scratch;
        this.errors = errors;
        this.limits = limits;
    }

    /** Starts {@code main} in a JVM of its own, with a scratch folder of its own in {@code folder}. */
    static JavaChild start(Class<?> main, ChildLimits limits, Path folder, PluginSources plugins)
            throws IOException {
        Path scratch = Files.createTempDirectory(OwnerOnlyFile.folder(folder), main.getSimpleName() + "-");
        Path errors = scratch.resolve("errors.txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + limits.heapMb() + "m", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData",
                "-XX:+UseSerialGC", // one task at a time: fewer threads, less memory, a quicker start
                // A crash report would land in the server's working folder, a core dump anywhere.
                "-XX:ErrorFile=" + scratch.resolve("hs_err_pid%p.log"), "-XX:-CreateCoredumpOnCrash",
                "-Djava.io.tmpdir=" + scratch));
        command.addAll(plugins.systemProperties());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        preferHugePages(builder.environment());
        Process process = builder.start();
        JavaChild child = new JavaChild(process, scratch, errors, limits);
        child.readAnswers();
        MemoryWatchdog.watch(child, limits.memoryMb() * 1024L * 1024L);
        return child;
    }

    /**
     * Lets glibc's malloc ask for transparent huge pages, where the kernel grants them on request
     * ({@code madvise}, Debian's default). ONNX Runtime copies a model's weights into fresh buffers
     * twice over as it loads it; in 4 KiB pages a 1 GiB model took 900,000 page faults and 11.6 s to
     * load here, in 2 MiB pages 15,000 and 4.7 s. A glibc older than 2.35 ignores the setting.
     */
    static void preferHugePages(Map<String, String> environment) {
        String tunable = "glibc.malloc.hugetlb=1";
        environment.merge("GLIBC_TUNABLES", tunable, (set, added) -> set.contains("glibc.malloc.hugetlb")
                ? set : set + ":" + added);
    }

    private void readAnswers() {
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Messages.read(line).ifPresent(message -> answers.add(Optional.of(message)));
                }
            } catch (IOException e) {
                // The pipe broke: the child is gone, as at the end of its output.
            }
            answers.add(Optional.empty());
        }, "modeldock-child-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Sends one request. */
    void send(Map<String, ?> message) {
        try {
            input.write(Messages.write(message) + "\n");
            input.flush();
        } catch (IOException e) {
            // The child died; the next answer says how.
        }
    }

    /**
     * The child's next message, waiting at most {@code timeout} (then the child is killed).
     *
     * @param doing    what the child was doing, for a failure: "loading the model"
     * @param crash    what its death means, for a failure: "ONNX Runtime crashed while loading the model"
     * @throws IsolationFailure when the child died, was killed or did not answer in time
     */
    Map<String, Object> next(Duration timeout, String doing, String crash) throws InterruptedException {
        Optional<Map<String, Object>> answer = answers.poll(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        if (answer == null) {
            kill(Cause.TIMEOUT);
        } else if (answer.isPresent()) {
            return answer.get();
        }
        throw new IsolationFailure(death(doing, crash));
    }

    /** Why the child ended, in one line; waits for it to end. */
    private String death(String doing, String crash) throws InterruptedException {
        if (!process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            kill(null);
        }
        if (killedFor == Cause.TIMEOUT) {
            return doing + " did not finish within " + describe(limits.timeout());
        }
        if (killedFor == Cause.MEMORY) {
            return doing + " needed more than " + limits.memoryMb() + " MB";
        }
        int status = process.exitValue();
        if (status == HEAP_EXHAUSTED && errorsMention("OutOfMemoryError")) {
            return doing + " needed more than the " + limits.heapMb() + " MB of Java heap its process has";
        }
        // A process ended by a signal exits with 128 + the signal, as a shell reports it.
        return crash + (status > 128 ? " (the worker process died with signal " + (status - 128) + ")"
                : " (the worker process exited with status " + status + ")");
    }

    /** "250 ms", "60 s", "1.5 s". */
    private static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return (millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0)) + " s";
    }

    private boolean errorsMention(String text) {
        try {
            return Files.readString(errors, StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a child process's errors " + errors, e);
        }
    }

    /** SIGKILL; {@code cause} is remembered for the failure message (the first one wins). */
    synchronized void kill(Cause cause) {
        if (killedFor == null && process.isAlive()) {
            killedFor = cause;
        }
        process.destroyForcibly();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Ends the child (its input closes: a worker then exits; killed if it has not) and removes its scratch. */
    @Override
    public void close() {
        try {
            input.close();
            if (!process.waitFor(1, TimeUnit.SECONDS)) {
                kill(null);
                process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (IOException e) {
            kill(null);
        } catch (InterruptedException e) {
            kill(null);
            Thread.currentThread().interrupt();
        }
        try {
            Artifact.deleteStaging(scratch);
        } catch (UncheckedIOException e) {
            // Scratch space, emptied at the server's next start anyway.
        }
    }
}
