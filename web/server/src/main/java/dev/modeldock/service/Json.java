package dev.modeldock.service;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.modeldock.config.JsonProblem;

/**
 * The server's one JSON mapper: Javalin reads request bodies and writes answers with it, and the
 * services write job requests, results and registry documents with it. Strict on the way in, so a
 * typo, a wrong type or a key given twice is an error and not a silent default; dates are ISO-8601 text.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // {"name": "a", "name": "b"} would otherwise be "b": a key given twice is an error.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Errors must not carry the text read; messages come from JsonProblem (describe).
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            // Jackson would turn {"name": 5} into "5", "2" into 2 and 1.5 into 1: a wrong type is an error here.
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private Json() {
    }

    /**
     * What is wrong with a JSON body the mapper refused, in one line: the field, what was expected,
     * line and column ({@link JsonProblem}), never the text read or Java's and Jackson's words.
     */
    public static String describe(JacksonException e) {
        return JsonProblem.of(e).describe();
    }

    /** The path of the field {@code e} is about ({@code config.max_seq_length}); empty for the body as a whole. */
    public static String field(JacksonException e) {
        return JsonProblem.of(e).field();
    }

    /** Parses stored JSON text for a response; null stays null. */
    public static JsonNode tree(String text) {
        if (text == null) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not parse", e);
        }
    }

    /** {@code value} as JSON text. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
