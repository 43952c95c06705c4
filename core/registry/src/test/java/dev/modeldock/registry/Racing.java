package dev.modeldock.registry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs the same call from several threads released at one instant, as clients racing each other. */
final class Racing {
    private Racing() {
    }

    /**
     * Makes the call {@code clients} times at once.
     *
     * @return how many calls succeeded; every other one must have failed with a {@link ConflictException}
     */
    static int succeeded(int clients, Callable<?> call) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            int succeeded = 0;
            for (Future<?> result : results) {
                try {
                    result.get(60, TimeUnit.SECONDS);
                    succeeded++;
                } catch (ExecutionException e) {
                    assertTrue(e.getCause() instanceof ConflictException, "not a conflict: " + e.getCause());
                } catch (TimeoutException e) {
                    throw new AssertionError("a racing call did not finish within a minute", e);
                }
            }
            return succeeded;
        } finally {
            pool.shutdownNow();
        }
    }
}
