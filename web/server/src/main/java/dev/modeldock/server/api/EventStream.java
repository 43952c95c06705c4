package dev.modeldock.server.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A Server-Sent Events response written straight to the connection. Javalin's own SSE handler
 * answers an empty 200 unless the request's Accept header is exactly {@code text/event-stream};
 * curl and scripts rarely send it, so the stream is written here for any client.
 */
final class EventStream {
    private final OutputStream out;
    private boolean closed;

    EventStream(Context ctx) throws IOException {
        ctx.status(200);
        ctx.res().setCharacterEncoding("UTF-8");
        ctx.res().setContentType("text/event-stream");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no"); // proxies must pass events on as they come
        this.out = ctx.res().getOutputStream();
        ctx.res().flushBuffer();
    }

    /** Sends one event; data may span lines. Returns false once the client has gone. */
    boolean send(String event, String data, String id) {
        StringBuilder frame = new StringBuilder();
        frame.append("id: ").append(id).append('\n').append("event: ").append(event).append('\n');
        data.lines().forEach(line -> frame.append("data: ").append(line).append('\n'));
        return write(frame.append('\n').toString());
    }

    /** A comment line, which clients ignore: keeps idle connections from timing out. */
    boolean comment(String text) {
        return write(": " + text + "\n\n");
    }

    boolean isClosed() {
        return closed;
    }

    private boolean write(String frame) {
        if (closed) {
            return false;
        }
        try {
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        } catch (IOException gone) {
            closed = true;
            return false;
        }
    }
}
