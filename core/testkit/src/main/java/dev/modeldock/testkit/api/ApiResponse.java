package dev.modeldock.testkit.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An answer of the server, whatever its status.
 *
 * @param request what was asked, e.g. {@code POST /api/v1/models}, for messages
 */
public record ApiResponse(String request, int status, Map<String, List<String>> headers, byte[] body) {

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON; fails the test when it is not. */
    public JsonNode json() {
        try {
            return ApiClient.JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(request + ": not JSON (status " + status + "): " + text(), e);
        }
    }

    /** The first value of a header, or null; names are matched regardless of case. */
    public String header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    /** Fails the test unless the status is {@code expected}; returns this answer. */
    public ApiResponse expect(int expected) {
        if (status != expected) {
            throw new AssertionError(request + " answered " + status + " instead of " + expected + ": "
                    + text().substring(0, Math.min(text().length(), 2000)));
        }
        return this;
    }

    /**
     * Asserts an error answer as the API gives it: this status, a JSON body with an {@code error}
     * text containing each of {@code words} (case-insensitive) and a {@code detail}; returns the body.
     */
    public JsonNode expectError(int expected, String... words) {
        expect(expected);
        JsonNode body = json();
        assertTrue(body.path("error").isTextual(), "no 'error' text in " + text());
        assertTrue(body.has("detail"), "no 'detail' in " + text());
        String error = body.path("error").asText().toLowerCase(Locale.ROOT);
        for (String word : words) {
            assertTrue(error.contains(word.toLowerCase(Locale.ROOT)),
                    "error '" + body.path("error").asText() + "' does not mention '" + word + "'");
        }
        return body;
    }
}
