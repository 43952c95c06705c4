package dev.modeldock.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.modeldock.service.Json;
import io.javalin.http.Context;
import java.util.stream.Collectors;

/** JSON request bodies, read by the server's one mapper: a body that does not fit is a 400 naming the field. */
final class JsonBody {
    private JsonBody() {
    }

    /** The request body as {@code type}; 400 naming the field when it does not fit. */
    static <T> T read(Context ctx, Class<T> type) {
        String text = ctx.body();
        if (text.isBlank()) {
            throw new ApiException(400, "the request needs a JSON body");
        }
        try {
            T value = Json.MAPPER.readValue(text, type);
            if (value == null) {
                throw new ApiException(400, "the request body must be a JSON object, not null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new ApiException(400, "unknown field '" + e.getPropertyName() + "'",
                    java.util.Map.of("allowed", e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList()));
        } catch (MismatchedInputException e) {
            throw new ApiException(400, "field '" + path(e) + "' has the wrong type",
                    e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "malformed JSON", e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    private static String path(MismatchedInputException e) {
        String path = e.getPath().stream().map(ref -> ref.getFieldName() != null ? ref.getFieldName()
                : "[" + ref.getIndex() + "]").collect(Collectors.joining("."));
        return path.isEmpty() ? "(body)" : path.replace(".[", "[");
    }
}
