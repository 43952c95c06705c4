package dev.modeldock.service.isolation.internal;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * A child's side of the conversation with the server: requests from standard input, messages to
 * standard output, which is kept for them alone ({@code System.out} is pointed at standard error, so
 * whatever else prints cannot garble a message).
 */
final class ParentChannel {
    private final BufferedReader requests;
    private final PrintStream messages;

    private ParentChannel(BufferedReader requests, PrintStream messages) {
        this.requests = requests;
        this.messages = messages;
    }

    /** Takes over standard input and output. */
    static ParentChannel open() {
        PrintStream messages = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        return new ParentChannel(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                messages);
    }

    /** The next request, or null when the server has closed the child's input (or is gone). */
    Map<String, Object> receive() {
        try {
            for (String line = requests.readLine(); line != null; line = requests.readLine()) {
                Optional<Map<String, Object>> request = Messages.read(line);
                if (request.isPresent()) {
                    return request.get();
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the server's requests", e);
        }
    }

    synchronized void send(Map<String, ?> message) {
        messages.println(Messages.write(message));
        messages.flush();
    }

    /**
     * Ends this process as soon as its input ends, which happens when the server closes it or dies:
     * a child never outlives its server. For a child that reads no more requests.
     */
    void haltWhenTheServerGoes() {
        Thread watcher = new Thread(() -> {
            while (receive() != null) {
                // No more requests are expected; anything sent is ignored.
            }
            Runtime.getRuntime().halt(1);
        }, "modeldock-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
