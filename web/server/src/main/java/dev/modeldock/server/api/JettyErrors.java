package dev.modeldock.server.api;

import dev.modeldock.registry.Names;
import dev.modeldock.service.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * The answers Jetty gives itself, before a request reaches Javalin (a path with {@code %00}, a
 * header it cannot parse): the API's JSON error body instead of Jetty's HTML page, and no stack.
 */
final class JettyErrors extends ErrorHandler {
    JettyErrors() {
        setShowStacks(false);
        setShowServlet(false);
    }

    /** A request Jetty's parser refused. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason));
    }

    /** An error Jetty dispatches to its error handler (for instance one found while reading the URI). */
    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
            HttpServletResponse response, int code, String message) throws IOException {
        baseRequest.setHandled(true);
        response.setContentType("application/json");
        response.getOutputStream().write(body(code, message));
    }

    static byte[] body(int status, String reason) {
        String said = reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", status == 400 ? "the request cannot be read: its URI or headers are malformed"
                : "the request cannot be read: " + Names.printable(said));
        body.put("detail", status == 400 ? Map.of("reason", Names.printable(said)) : null);
        return Json.write(body).getBytes(StandardCharsets.UTF_8);
    }
}
