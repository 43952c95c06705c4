package dev.modeldock.testkit.jvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Java program in a JVM of its own, started from a class path and a main class: typically a
 * registry server ({@code modeldock serve}), which a test can then end the way a crash does (SIGKILL,
 * no shutdown hook, nothing flushed) or a benchmark can hold to a heap of its own; or a program run
 * to its end under a small heap.
 *
 * <p>Its standard output and error go to files, never to pipes, so a child that prints a lot never
 * blocks on a pipe nobody reads; {@link #output()} and {@link #errors()} read them back. A server's
 * port is found in what it prints ({@link #awaitPort}).
 */
public final class ChildJvm implements AutoCloseable {
    /** The line {@code modeldock serve} prints once it listens; group 1 is the port. */
    public static final Pattern MODELDOCK_LISTENING = Pattern.compile("ModelDock registry on http://localhost:(\\d+)/api/v1");

    private static final Duration POLL = Duration.ofMillis(25);

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final Path ownLogs;
    private int port = -1;

    private ChildJvm(Process process, Path stdout, Path stderr, Path ownLogs) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.ownLogs = ownLogs;
    }

    /** A JVM to run {@code mainClass} with {@code args}, on this JVM's class path unless told otherwise. */
    public static Builder java(String mainClass, String... args) {
        return new Builder(mainClass, List.of(args));
    }

    /** How to start the child. */
    public static final class Builder {
        private final String mainClass;
        private final List<String> args;
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final Map<String, String> environment = new HashMap<>();
        // Surefire's class path is a jar whose manifest names the test class path: the child sees it all.
        private String classPath = System.getProperty("java.class.path");
        private Path logs;
        private String name = "child";

        private Builder(String mainClass, List<String> args) {
            this.mainClass = mainClass;
            this.args = args;
        }

        public Builder classPath(String path) {
            this.classPath = path;
            return this;
        }

        /** Options before the main class, e.g. {@code -Xmx256m}. */
        public Builder jvmOptions(String... options) {
            jvmOptions.addAll(List.of(options));
            return this;
        }

        public Builder systemProperty(String key, String value) {
            systemProperties.put(key, value);
            return this;
        }

        /** Sets a variable of the child's environment, which is otherwise this JVM's; null removes it. */
        public Builder environment(String variable, String value) {
            environment.put(variable, value);
            return this;
        }

        /**
         * Keeps the child's output in {@code folder} as {@code <name>-<run>.out} and {@code .err}, where
         * they stay; without it they go to a temporary folder that {@link ChildJvm#close()} removes.
         */
        public Builder logs(Path folder, String fileName) {
            this.logs = folder;
            this.name = fileName;
            return this;
        }

        /** Starts the child and returns at once. */
        public ChildJvm start() throws IOException {
            Path folder = logs != null ? Files.createDirectories(logs) : Files.createTempDirectory("modeldock-jvm-");
            String run = UUID.randomUUID().toString().substring(0, 8);
            Path out = folder.resolve(name + "-" + run + ".out");
            Path err = folder.resolve(name + "-" + run + ".err");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString()));
            command.addAll(jvmOptions);
            systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.addAll(List.of("-cp", classPath, mainClass));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            environment.forEach((variable, value) -> {
                if (value == null) {
                    builder.environment().remove(variable);
                } else {
                    builder.environment().put(variable, value);
                }
            });
            return new ChildJvm(builder.start(), out, err, logs != null ? null : folder);
        }
    }

    /**
     * Waits until the child prints a line {@code listening} matches, and returns the port its group
     * 1 names. Fails, killing the child, when it exits first or has not printed it within {@code timeout}.
     */
    public int awaitPort(Pattern listening, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = listening.matcher(output());
            if (matcher.find()) {
                port = Integer.parseInt(matcher.group(1));
                return port;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the child exited before it listened: " + report());
            }
            pause();
        }
        String report = report();
        close();
        throw new AssertionError("the child did not listen within " + timeout + ": " + report);
    }

    /** The port {@link #awaitPort} found. */
    public int port() {
        if (port < 0) {
            throw new IllegalStateException("no port yet: call awaitPort first");
        }
        return port;
    }

    /** Waits for the child to end and returns its exit status; kills it and fails after {@code timeout}. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new AssertionError("the child did not end within " + timeout + ": " + report());
        }
        return process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The child as the operating system sees it: CPU time, command line. */
    public ProcessHandle.Info info() {
        return process.info();
    }

    /** What it printed to standard output so far. */
    public String output() {
        return read(stdout);
    }

    /** What it printed to standard error so far. */
    public String errors() {
        return read(stderr);
    }

    /**
     * The child's state and what it printed about a failure (errors, exceptions, running out of
     * memory), or else the end of its standard error: for a message saying why it stopped.
     */
    public String report() {
        String status = process.isAlive() ? "still running" : "exited with status " + process.exitValue();
        List<String> printed = new ArrayList<>(output().lines().toList());
        printed.addAll(errors().lines().toList());
        List<String> problems = printed.stream().filter(line -> line.contains("OutOfMemoryError")
                || line.contains("ERROR") || line.startsWith("Exception") || line.startsWith("Caused by")).toList();
        List<String> shown = problems.isEmpty() ? errors().lines().toList() : problems;
        return status + "; it printed: " + String.join(" | ", shown.subList(Math.max(0, shown.size() - 6),
                shown.size()));
    }

    /** SIGKILL, as the kernel's OOM killer or a pulled plug would end it; returns once it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the child did not die from SIGKILL");
        }
    }

    /**
     * SIGTERM, as a service manager or Ctrl-C stops it, so that shutdown hooks run (a server closes
     * its database); killed if still running after {@code grace}.
     *
     * @return whether it stopped within {@code grace}
     */
    public boolean stop(Duration grace) throws InterruptedException {
        process.destroy();
        if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        kill();
        return false;
    }

    /** Makes sure the child does not outlive its user (SIGKILL), and removes a temporary log folder. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownLogs != null && !process.isAlive()) {
            try (Stream<Path> files = Files.walk(ownLogs)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the child's logs " + ownLogs, e);
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(" + file + " is unreadable: " + e.getMessage() + ")";
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the child", e);
        }
    }
}
