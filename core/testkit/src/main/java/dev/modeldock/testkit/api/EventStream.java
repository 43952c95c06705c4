package dev.modeldock.testkit.api;

import java.util.List;

/** An event stream read to its end: the answer's status and Content-Type, and every event in order. */
public record EventStream(int status, String contentType, List<ServerSentEvent> events) {
    /** The last event; fails the test when there is none. */
    public ServerSentEvent last() {
        if (events.isEmpty()) {
            throw new AssertionError("the stream (status " + status + ") had no events");
        }
        return events.get(events.size() - 1);
    }
}
