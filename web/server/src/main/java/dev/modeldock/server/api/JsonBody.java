package dev.modeldock.server.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.modeldock.registry.Names;
import dev.modeldock.service.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * JSON request bodies, read by the server's one mapper: a body that does not fit is a 400 naming the
 * field and what was expected ({@link Json#describe}), without Jackson's own words or Java's type names.
 */
final class JsonBody {
    private JsonBody() {
    }

    /** The request body as {@code type}; 400 naming the field when it does not fit. */
    static <T> T read(Context ctx, Class<T> type) {
        requireUtf8(ctx.contentType());
        byte[] bytes = ctx.bodyAsBytes(); // Jackson decodes: invalid UTF-8 is malformed JSON, not a server error
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            throw new ApiException(400, "the request needs a JSON body");
        }
        try {
            T value = Json.MAPPER.readValue(bytes, type);
            if (value == null) {
                throw new ApiException(400, "the request body must be a JSON object, not null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new ApiException(400, "unknown field '" + Json.field(e) + "'",
                    Map.of("allowed", e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList()));
        } catch (JacksonException e) {
            throw new ApiException(400, Json.field(e).isEmpty() ? "request body: " + Json.describe(e)
                    : Json.describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // bytes in memory: not reached
        }
    }

    /** JSON is UTF-8 (RFC 8259); a Content-Type naming another charset, or none Java knows, is a 415. */
    private static void requireUtf8(String contentType) {
        for (String parameter : String.valueOf(contentType).split(";")) {
            String p = parameter.strip();
            if (!p.regionMatches(true, 0, "charset=", 0, 8)) {
                continue;
            }
            String charset = p.substring(8).replace("\"", "").strip();
            try {
                if (Charset.forName(charset).equals(StandardCharsets.UTF_8)) {
                    return;
                }
            } catch (IllegalArgumentException unknown) {
                // answered below
            }
            throw new ApiException(415, "JSON bodies are UTF-8; the Content-Type names charset '"
                    + Names.printable(charset) + "'");
        }
    }
}
