package dev.modeldock.server;

import dev.modeldock.testkit.api.ApiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code modeldock serve} in a JVM of its own, started as a user starts it, so that a test can
 * end it the way a crash does: SIGKILL, no shutdown hook, nothing flushed.
 */
final class ChildServer implements AutoCloseable {
    static final String TOKEN = "child-server-admin-token";
    private static final Pattern LISTENING = Pattern.compile("ModelDock registry on http://localhost:(\\d+)/api/v1");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final int port;

    private ChildServer(Process process, Path stdout, Path stderr, int port) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.port = port;
    }

    /**
     * Starts a server on a free port and waits until it answers.
     *
     * @param extraArgs  more {@code serve} options, e.g. {@code --db-url}
     * @param dbPassword for {@code MODELDOCK_DB_PASSWORD}; null for none
     */
    static ChildServer start(Path dataDir, List<String> extraArgs, String dbPassword) throws IOException {
        Path logs = Files.createDirectories(dataDir.resolveSibling(dataDir.getFileName() + "-logs"));
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path stdout = logs.resolve("serve-" + run + ".out");
        Path stderr = logs.resolve("serve-" + run + ".err");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-Dmodeldock.plugins.dir=" + pluginsDir(),
                "-cp", System.getProperty("java.class.path"),
                "dev.modeldock.cli.ModelDockCommand", "serve", "--port", "0",
                "--data-dir", dataDir.toString()));
        command.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        Map<String, String> env = builder.environment();
        env.put("MODELDOCK_ADMIN_TOKEN", TOKEN);
        env.remove("MODELDOCK_SECRET_KEY");
        env.remove("MODELDOCK_DB_PASSWORD");
        if (dbPassword != null) {
            env.put("MODELDOCK_DB_PASSWORD", dbPassword);
        }
        Process process = builder.start();
        try {
            return new ChildServer(process, stdout, stderr, awaitPort(process, stdout, stderr));
        } catch (IOException | RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    int port() {
        return port;
    }

    ApiClient http() {
        return ApiClient.local(port, TOKEN);
    }

    /** What it printed to standard output so far. */
    String output() throws IOException {
        return Files.readString(stdout);
    }

    /** SIGKILL, as the kernel's OOM killer or a pulled plug would end it; returns once it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the server did not die from SIGKILL");
        }
    }

    /** SIGTERM, as a service manager stops it: the shutdown hook closes the database. */
    void stop() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the server did not stop on SIGTERM: " + Files.readString(stderr));
        }
    }

    /** Makes sure no server outlives its test. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int awaitPort(Process process, Path stdout, Path stderr) throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Matcher listening = LISTENING.matcher(Files.readString(stdout));
            if (listening.find()) {
                return Integer.parseInt(listening.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError("the server exited with " + process.exitValue() + " before it listened:\n"
                        + Files.readString(stdout) + Files.readString(stderr));
            }
            pause();
        }
        throw new AssertionError("the server did not listen within " + START_TIMEOUT + ":\n"
                + Files.readString(stdout) + Files.readString(stderr));
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} when it does not within {@code timeout}. */
    static void await(String what, Duration timeout, Check condition) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("gave up after " + timeout + " waiting for " + what);
            }
            pause();
        }
    }

    /** A condition that may need I/O to find out. */
    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }

    private static void pause() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while polling", e);
        }
    }

    /** The built-in plugins as the build unpacked them; Surefire names the folder. */
    private static String pluginsDir() {
        String configured = System.getProperty("modeldock.plugins.dir");
        return Path.of(configured != null ? configured : "target/plugins").toAbsolutePath().toString();
    }
}
