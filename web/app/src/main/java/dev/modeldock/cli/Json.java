package dev.modeldock.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.modeldock.plugin.ModelDockException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** JSON as the command line prints and reads it. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON object from a file, with an error naming the file when it is missing or malformed. */
    static Map<String, Object> readObject(Path file) {
        try {
            Map<String, Object> object = MAPPER.readValue(file.toFile(), new TypeReference<>() { });
            if (object == null) {
                throw new ModelDockException(file + " is empty; expected a JSON object of properties");
            }
            return object;
        } catch (IOException e) {
            throw new ModelDockException("cannot read " + file + " as a JSON object: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
