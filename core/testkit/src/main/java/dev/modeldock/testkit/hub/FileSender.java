package dev.modeldock.testkit.hub;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sends a file's bytes with byte-range support, misbehaving as the file's {@link HubFault} says. */
final class FileSender {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");
    private static final int CHUNK = 16 * 1024;

    private final Map<String, HubFault> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> used = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    void fail(String path, HubFault fault) {
        used.remove(path);
        if (fault == null) {
            faults.remove(path);
        } else {
            faults.put(path, fault);
        }
    }

    /** Lets stalled responses end, so the servers can stop. */
    void releaseStalls() {
        closing.countDown();
    }

    void send(HttpExchange exchange, String path, byte[] content) throws IOException {
        long start = 0;
        long end = content.length - 1L;
        int status = 200;
        String range = exchange.getRequestHeaders().getFirst("Range");
        Matcher m = range == null ? null : RANGE.matcher(range);
        if (m != null && m.matches()) {
            start = Long.parseLong(m.group(1));
            end = m.group(2).isEmpty() ? end : Math.min(end, Long.parseLong(m.group(2)));
            if (start >= content.length) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + content.length);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            status = 206;
            exchange.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + end + "/" + content.length);
        }
        exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        int length = (int) (end - start + 1);
        HubFault fault = take(path);
        exchange.sendResponseHeaders(status, length);
        if (fault == null) {
            // at full speed and without a copy: the benchmark's downloads measure the client, not this server
            exchange.getResponseBody().write(content, (int) start, length);
            return;
        }
        byte[] body = java.util.Arrays.copyOfRange(content, (int) start, (int) end + 1);
        if (fault.kind() == HubFault.Kind.CORRUPT && body.length > 0) {
            body[body.length / 2] ^= 0x5a;
        }
        write(exchange.getResponseBody(), body, fault);
    }

    private void write(OutputStream out, byte[] body, HubFault fault) throws IOException {
        long stopAt = fault.kind() == HubFault.Kind.CUT || fault.kind() == HubFault.Kind.STALL
                ? Math.min(fault.bytes(), body.length) : body.length;
        for (int at = 0; at < stopAt; at += CHUNK) {
            out.write(body, at, (int) Math.min(CHUNK, stopAt - at));
            out.flush();
            if (fault.kind() == HubFault.Kind.SLOW) {
                pause(fault.bytes());
            }
        }
        if (fault.kind() == HubFault.Kind.STALL) {
            try {
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (stopAt < body.length) {
            // closing the exchange short of its Content-Length drops the connection
            throw new IOException("cut on purpose after " + stopAt + " bytes");
        }
    }

    private HubFault take(String path) {
        HubFault fault = faults.get(path);
        if (fault == null || used.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet() > fault.times()) {
            return null;
        }
        return fault;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
