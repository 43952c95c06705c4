package dev.modeldock.testkit.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Child JVMs start from this class path, are found on their port, and end as they are told. */
class ChildJvmTest {
    private static final Pattern LISTENING = Pattern.compile("child listening on port (\\d+)");
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    @Test
    void aServerIsFoundOnThePortItPrintsAndAKillEndsItWithoutItsShutdownHook() throws Exception {
        try (ChildJvm child = ChildJvm.java(ChildProgram.class.getName(), "listen").logs(dir, "server").start()) {
            int port = child.awaitPort(LISTENING, TIMEOUT);
            assertEquals(port, child.port());
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertTrue(socket.isConnected());
            }
            child.kill();
            assertFalse(child.isAlive());
            assertFalse(child.errors().contains("shutdown hook ran"), "SIGKILL runs no hook");
        }
        try (var logs = Files.list(dir)) {
            assertEquals(2, logs.filter(f -> f.getFileName().toString().startsWith("server-")).count(),
                    "its output and errors stay in the folder given");
        }
    }

    @Test
    void aStopLetsItsShutdownHooksRun() throws Exception {
        try (ChildJvm child = ChildJvm.java(ChildProgram.class.getName(), "listen").start()) {
            child.awaitPort(LISTENING, TIMEOUT);
            assertTrue(child.stop(TIMEOUT), "stopped on SIGTERM");
            assertTrue(child.errors().contains("shutdown hook ran"), child.errors());
        }
    }

    @Test
    void aChildThatExitsBeforeListeningIsReportedWithItsStatusAndWhatItPrinted() throws Exception {
        try (ChildJvm child = ChildJvm.java(ChildProgram.class.getName(), "fail").start()) {
            AssertionError e = assertThrows(AssertionError.class, () -> child.awaitPort(LISTENING, TIMEOUT));
            assertTrue(e.getMessage().contains("exited with status 3"), e.getMessage());
            assertTrue(e.getMessage().contains("ERROR the configuration is broken"), e.getMessage());
        }
    }

    @Test
    void optionsPropertiesAndEnvironmentReachTheChild() throws Exception {
        try (ChildJvm child = ChildJvm.java(ChildProgram.class.getName(), "describe").jvmOptions("-Xmx64m")
                .systemProperty("child.property", "p1").environment("CHILD_VARIABLE", "v1")
                .environment("CHILD_REMOVED", null).start()) {
            assertEquals(0, child.waitFor(TIMEOUT), child.report());
            String[] seen = child.output().strip().split(" ");
            assertEquals("p1 v1 null", seen[0] + " " + seen[1] + " " + seen[2]);
            assertTrue(Integer.parseInt(seen[3]) <= 64, "heap of " + seen[3] + " MiB");
        }
    }
}
