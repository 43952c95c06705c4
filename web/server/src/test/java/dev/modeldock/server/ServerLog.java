package dev.modeldock.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The log the servers of this module's tests write (slf4j-simple, to the file
 * {@code simplelogger.properties} names), read back as events: a header line
 * ({@code [thread] LEVEL logger - message}) and the lines under it, such as a stack trace.
 */
final class ServerLog {
    private static final Pattern HEADER = Pattern.compile("^\\[[^\\]]*\\] (TRACE|DEBUG|INFO|WARN|ERROR) \\S+ - .*");
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at \\S+\\(.*\\)$");
    /**
     * Events that may carry a stack trace: a request the server answered 500 (ErrorResponses says so
     * in the event), and a job that failed on something other than the client's mistake
     * (JobRunner), which answers no request.
     */
    private static final Pattern SERVER_FAILURE = Pattern.compile(
            "^\\[[^\\]]*\\] \\S+ \\S+ - (request \\S+ \\S+ answered 5\\d\\d .*|job \\S+ failed)$");

    private ServerLog() {
    }

    /** One thing logged: its header line and the lines after it up to the next header. */
    record Event(String header, List<String> lines) {
        boolean hasStackTrace() {
            return lines.stream().anyMatch(line -> STACK_FRAME.matcher(line).matches()
                    || line.startsWith("Caused by: "));
        }

        /** Logged for a failure of the server's own (a 5xx, a job), where a stack trace is what a maintainer needs. */
        boolean isServerFailure() {
            return SERVER_FAILURE.matcher(header).matches();
        }

        @Override
        public String toString() {
            return header + "\n" + String.join("\n", lines.subList(0, Math.min(lines.size(), 12)));
        }
    }

    /** The file the tests' servers log to, as {@code simplelogger.properties} sets it. */
    static Path file() {
        Properties properties = new Properties();
        try (InputStream in = ServerLog.class.getResourceAsStream("/simplelogger.properties")) {
            properties.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the test class path has no simplelogger.properties", e);
        }
        String file = properties.getProperty("org.slf4j.simpleLogger.logFile");
        if (file == null || file.startsWith("System.")) {
            throw new IllegalStateException("simplelogger.properties sends the log to " + file + ", not to a file");
        }
        return Path.of(file);
    }

    /** Where the log ends now: {@link #since} reads what is logged after it. */
    static long mark() {
        try {
            return Files.exists(file()) ? Files.size(file()) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What was logged after {@code mark}. */
    static String since(long mark) {
        if (!Files.exists(file())) {
            return "";
        }
        try (RandomAccessFile log = new RandomAccessFile(file().toFile(), "r")) {
            byte[] bytes = new byte[(int) Math.max(0, log.length() - mark)];
            log.seek(mark);
            log.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The events of {@code text}; lines before the first header belong to an event of their own. */
    static List<Event> events(String text) {
        List<Event> events = new ArrayList<>();
        String header = "";
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (HEADER.matcher(line).matches()) {
                if (!header.isEmpty() || !lines.isEmpty()) {
                    events.add(new Event(header, lines));
                }
                header = line;
                lines = new ArrayList<>();
            } else if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        if (!header.isEmpty() || !lines.isEmpty()) {
            events.add(new Event(header, lines));
        }
        return events;
    }

    /** The events of {@code text} with a stack trace that no failure of the server's own explains. */
    static List<Event> unexplainedStackTraces(String text) {
        return events(text).stream().filter(Event::hasStackTrace).filter(e -> !e.isServerFailure()).toList();
    }
}
