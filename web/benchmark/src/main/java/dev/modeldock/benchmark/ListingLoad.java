package dev.modeldock.benchmark;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.testkit.api.ApiClient;
import dev.modeldock.testkit.api.ApiResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Concurrent clients listing the catalog ({@code GET /api/v1/models}) as fast as the server
 * answers, each on its own connection, each waiting for an answer before asking again. Clients
 * warm up first (the server's JIT, its pools, their connections) and then start the timed part
 * together, so that all of it runs at full concurrency.
 */
public final class ListingLoad {
    /** What a run measured: every timed request's latency and the run's wall-clock time. */
    public record Result(Latencies latencies, double seconds) {
        public double requestsPerSecond() {
            return latencies.count() / seconds;
        }
    }

    private ListingLoad() {
    }

    /**
     * @param api      the caller that lists; each of the {@code clients} copies it on connections of its own
     * @param warmup   untimed requests per client before the timed ones
     * @param requests timed requests per client
     * @throws ModelDockException when any answer is not a 200
     */
    public static Result run(ApiClient api, int clients, int warmup, int requests) throws Exception {
        // Each party's timestamp is taken after the barrier trips; the run starts with the earliest.
        CyclicBarrier start = new CyclicBarrier(clients);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<long[]>> runs = new ArrayList<>();
            long[] started = new long[clients];
            for (int c = 0; c < clients; c++) {
                int client = c;
                runs.add(pool.submit(() -> {
                    ApiClient registry = api.withOwnConnections();
                    try {
                        for (int i = 0; i < warmup; i++) {
                            check(registry.get("/api/v1/models"));
                        }
                    } catch (Exception e) {
                        start.reset(); // the clients waiting for this one give up instead of waiting forever
                        throw e;
                    }
                    start.await();
                    started[client] = System.nanoTime();
                    long[] nanos = new long[requests];
                    for (int i = 0; i < requests; i++) {
                        long before = System.nanoTime();
                        check(registry.get("/api/v1/models"));
                        nanos[i] = System.nanoTime() - before;
                    }
                    return nanos;
                }));
            }
            List<long[]> latencies = new ArrayList<>();
            for (Future<long[]> run : runs) {
                latencies.add(run.get());
            }
            long end = System.nanoTime();
            long first = Arrays.stream(started).min().orElseThrow();
            return new Result(Latencies.of(latencies), (end - first) / 1e9);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void check(ApiResponse response) {
        if (response.status() != 200) {
            throw new ModelDockException("GET /api/v1/models answered " + response.status() + ": "
                    + response.text().substring(0, Math.min(response.text().length(), 300)));
        }
    }
}
