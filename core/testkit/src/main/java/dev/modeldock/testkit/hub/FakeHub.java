package dev.modeldock.testkit.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * huggingface.co on two local ports, as {@code huggingface_hub} sees it: the hub itself answers
 * {@code GET /api/models/{org}/{name}/revision/{revision}} and {@code GET|HEAD /{org}/{name}/resolve/{revision}/{path}},
 * and sends large (LFS) files to a second server, the content host, with a 302 as the hub sends
 * them to its CDN. Every request on either server is recorded ({@link #requests()}), so a test can
 * prove that a warm cache makes none.
 */
public final class FakeHub implements AutoCloseable {
    private final HttpServer hub;
    private final HttpServer contentHost;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "fake-hub");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, HubRepo> repos = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final FileSender sender = new FileSender();

    static {
        // answer at once: without it small responses wait out the client's delayed ACK (about 40 ms each)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private FakeHub() throws IOException {
        InetSocketAddress local = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        hub = HttpServer.create(local, 0);
        contentHost = HttpServer.create(local, 0);
        HubRoutes routes = new HubRoutes(repos, sender, this::contentUri);
        hub.createContext("/", exchange -> handle(exchange, routes::hub));
        contentHost.createContext("/", exchange -> handle(exchange, routes::content));
        hub.setExecutor(threads);
        contentHost.setExecutor(threads);
        hub.start();
        contentHost.start();
    }

    /** Starts both servers on free loopback ports. */
    public static FakeHub start() {
        try {
            return new FakeHub();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves the repository (replacing one with the same id: a new commit on its branches). */
    public FakeHub serve(HubRepo repo) {
        repos.put(repo.repoId(), repo);
        return this;
    }

    /** Makes the responses carrying this file's bytes misbehave; {@code null} heals it. */
    public FakeHub fail(String path, HubFault fault) {
        sender.fail(path, fault);
        return this;
    }

    /** The hub's address, what {@code HF_ENDPOINT} would hold. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + hub.getAddress().getPort());
    }

    /** Every request so far as {@code METHOD path [Range: ...] [Authorization]}, both servers, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Forgets the requests recorded so far. */
    public void clearRequests() {
        requests.clear();
    }

    @Override
    public void close() {
        sender.releaseStalls();
        hub.stop(0);
        contentHost.stop(0);
        threads.shutdownNow();
    }

    private URI contentUri(String sha256) {
        return URI.create("http://127.0.0.1:" + contentHost.getAddress().getPort() + "/repos/lfs/" + sha256);
    }

    private void handle(HttpExchange exchange, Route route) throws IOException {
        String range = exchange.getRequestHeaders().getFirst("Range");
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                + (range == null ? "" : " Range: " + range) + (auth == null ? "" : " Authorization"));
        try (exchange) {
            List<String> segments = Arrays.stream(exchange.getRequestURI().getRawPath().split("/"))
                    .filter(s -> !s.isEmpty()).map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toList();
            route.answer(exchange, segments);
        } catch (IOException e) {
            // the fault closed the connection on purpose, or the client went away
        }
    }

    /** One server's requests, given their decoded path segments. */
    interface Route {
        void answer(HttpExchange exchange, List<String> segments) throws IOException;
    }
}
