package dev.modeldock.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The engine's one JSON mapper, for the documents it reads (templates, a model's configuration
 * files, Oracle metadata) and writes (Oracle metadata, the configuration recorded in the pipeline).
 * Written JSON is indented, because people read these documents; read JSON must be one value with
 * nothing after it, so a truncated or concatenated file is an error rather than half a document.
 * Errors never carry the text read ({@link JsonProblem} turns them into messages): a file may
 * be a link to someone's secret.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private Json() {
    }

    /** {@code value} as indented JSON text. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
