package dev.modeldock.service.isolation.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;

/**
 * The protocol between the server and its children: one JSON object a line, with a {@code type}.
 * A line that is not one (a JVM's crash report goes to standard output too) is no message.
 */
public final class Messages {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private Messages() {
    }

    static String write(Map<String, ?> message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a message to a child process as JSON", e);
        }
    }

    static Optional<Map<String, Object>> read(String line) {
        if (!line.startsWith("{")) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(line, OBJECT));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    static String type(Map<String, Object> message) {
        return String.valueOf(message.get("type"));
    }

    static String text(Map<String, Object> message, String key) {
        return (String) message.get(key);
    }
}
