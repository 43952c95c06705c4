package dev.modeldock.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.modeldock.config.JsonProblem;
import dev.modeldock.plugin.ModelDockException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * JSON as the command line prints and reads it, with the server's one mapper
 * ({@link dev.modeldock.service.Json#MAPPER}): printed indented, and a properties file read as
 * leniently as before (what follows its object is ignored).
 */
final class Json {
    private static final ObjectWriter WRITER = dev.modeldock.service.Json.MAPPER.writerWithDefaultPrettyPrinter();
    private static final ObjectReader OBJECT = dev.modeldock.service.Json.MAPPER
            .readerFor(new TypeReference<Map<String, Object>>() { })
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectReader STRICT_OBJECT = dev.modeldock.service.Json.MAPPER
            .readerFor(new TypeReference<Map<String, Object>>() { })
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A JSON object given as text, with an error naming {@code what} it is and where it stops
     * parsing. Unlike a file, nothing may follow the object.
     */
    static Map<String, Object> readObject(String text, String what) {
        try {
            Map<String, Object> object = STRICT_OBJECT.readValue(text);
            if (object == null) {
                throw new ModelDockException(what + " is empty; expected a JSON object of properties");
            }
            return object;
        } catch (JacksonException e) {
            throw new ModelDockException(what + " is not a JSON object of properties: " + JsonProblem.of(e).describe(),
                    e);
        }
    }

    /** A JSON object from a file, with an error naming the file when it is missing or malformed. */
    static Map<String, Object> readObject(Path file) {
        try {
            Map<String, Object> object = OBJECT.readValue(file.toFile());
            if (object == null) {
                throw new ModelDockException(file + " is empty; expected a JSON object of properties");
            }
            return object;
        } catch (JacksonException e) {
            throw new ModelDockException("cannot read " + file + " as a JSON object: " + JsonProblem.of(e).describe());
        } catch (IOException e) {
            throw new ModelDockException("cannot read " + file + " as a JSON object: " + e.getMessage(), e);
        }
    }
}
