package dev.modeldock.server;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.slf4j.LoggerFactory;

/**
 * After every test of the module has run, fails the run if the servers' log holds a stack trace
 * that is not a failure of the server's own: a client's mistake is answered with a 4xx and a JSON
 * error, and leaves no stack trace for an operator to worry about. Registered through
 * {@code META-INF/services}, so it runs once after all test classes, whichever order they ran in;
 * a failure here fails the build (surefire reports the test run's fork as broken, with this message).
 */
public final class ServerLogCheck implements LauncherSessionListener {
    private static final int SHOWN = 5;
    private long start;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        // slf4j-simple empties the file when its first logger is made: made here, before anything is
        // read, so that a log left by an earlier run is never taken for this one's.
        LoggerFactory.getLogger(ServerLogCheck.class);
        start = ServerLog.mark();
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        List<ServerLog.Event> traces = ServerLog.unexplainedStackTraces(ServerLog.since(start));
        if (!traces.isEmpty()) {
            throw new AssertionError(traces.size() + " stack trace(s) in the server log (" + ServerLog.file()
                    + ") that no 5xx answer or failed job explains; a client's mistake must be a 4xx without"
                    + " one (the first " + Math.min(SHOWN, traces.size()) + " below):\n" + traces.stream().limit(SHOWN)
                    .map(ServerLog.Event::toString).collect(Collectors.joining("\n---\n")));
        }
    }
}
