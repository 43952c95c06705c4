package dev.modeldock.server.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.modeldock.registry.Names;
import dev.modeldock.service.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Collectors;

/** JSON request bodies, read by the server's one mapper: a body that does not fit is a 400 naming the field. */
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
            throw new ApiException(400, "unknown field '" + e.getPropertyName() + "'",
                    java.util.Map.of("allowed", e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList()));
        } catch (MismatchedInputException e) {
            throw new ApiException(400, "field '" + path(e) + "' has the wrong type",
                    e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (JsonProcessingException e) {
            String duplicate = duplicateField(e);
            if (duplicate != null) {
                throw new ApiException(400, "field '" + duplicate + "' appears more than once");
            }
            throw new ApiException(400, "malformed JSON", e.getOriginalMessage().lines().findFirst().orElse(""));
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

    /**
     * The path of the key Jackson's strict duplicate detection found twice ({@code config.a}), or
     * null when {@code e} is about something else. Jackson reports it only as a message, from the
     * parser whose context is then at that key (wrapped when a deserializer was reading).
     */
    private static String duplicateField(JsonProcessingException e) {
        StreamReadException read = null;
        for (Throwable t = e; t != null && read == null; t = t.getCause()) {
            if (t instanceof StreamReadException candidate && candidate.getProcessor() != null
                    && String.valueOf(candidate.getOriginalMessage()).startsWith("Duplicate field")) {
                read = candidate;
            }
        }
        if (read == null) {
            return null;
        }
        JsonParser parser = read.getProcessor();
        Deque<String> names = new ArrayDeque<>();
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            names.addFirst(c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + Names.printable(
                    String.valueOf(c.getCurrentName())));
        }
        String path = String.join("", names);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static String path(MismatchedInputException e) {
        String path = e.getPath().stream().map(ref -> ref.getFieldName() != null ? ref.getFieldName()
                : "[" + ref.getIndex() + "]").collect(Collectors.joining("."));
        return path.isEmpty() ? "(body)" : path.replace(".[", "[");
    }
}
