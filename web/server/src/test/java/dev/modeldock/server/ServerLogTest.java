package dev.modeldock.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How ServerLogCheck reads the servers' log: which stack traces a failure of the server's own explains. */
class ServerLogTest {
    private static final String TRACE = "dev.modeldock.plugin.ModelDockException: 'a/b' is not a valid model name\n"
            + "\tat dev.modeldock.registry.Names.check(Names.java:56)\n"
            + "\tat org.eclipse.jetty.server.Server.handle(Server.java:563)\n";

    @Test
    void aStackTraceLoggedForARequestAnsweredWithAClientErrorIsUnexplained() {
        String log = "[JettyServerThreadPool-25] WARN dev.modeldock.server.api.ErrorResponses - bad request\n" + TRACE;
        List<ServerLog.Event> traces = ServerLog.unexplainedStackTraces(log);
        assertEquals(1, traces.size(), traces.toString());
        assertTrue(traces.get(0).toString().contains("bad request"), traces.toString());
    }

    @Test
    void aStackTraceOfA500OrAFailedJobIsExplained() {
        String log = "[JettyServerThreadPool-3] ERROR dev.modeldock.server.api.ErrorResponses - request POST"
                + " /api/v1/models answered 500 (incident 7705cd6d)\n" + TRACE
                + "[modeldock-job-1] WARN dev.modeldock.service.JobRunner - job 9b58e5fa failed\n" + TRACE
                + "Caused by: java.nio.channels.ClosedByInterruptException\n\t... 51 more\n";
        assertEquals(List.of(), ServerLog.unexplainedStackTraces(log));
        assertEquals(2, ServerLog.events(log).size());
    }

    @Test
    void warningsWithoutAStackTraceAndStackTracesWithoutAHeaderAreToldApart() {
        String log = TRACE + "[JettyServerThreadPool-142] WARN io.javalin.Javalin - Body greater than max size\n";
        List<ServerLog.Event> traces = ServerLog.unexplainedStackTraces(log);
        assertEquals(1, traces.size(), "a stack trace printed without a log event is unexplained too: " + traces);
        assertEquals("", traces.get(0).header());
    }
}
