package dev.modeldock.testkit.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * One Server-Sent Event.
 *
 * @param id   its {@code id:}, or null
 * @param kind its {@code event:}, "message" when it has none
 * @param data its {@code data:} lines, joined by newlines
 */
public record ServerSentEvent(String id, String kind, String data) {

    /** The data as JSON; fails the test when it is not. */
    public JsonNode json() {
        try {
            return ApiClient.JSON.readTree(data);
        } catch (IOException e) {
            throw new AssertionError("event data is not JSON: " + data, e);
        }
    }
}
