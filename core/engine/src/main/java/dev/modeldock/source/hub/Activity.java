package dev.modeldock.source.hub;

import java.util.concurrent.Flow;

/** When a response last moved, and the subscription to cancel when it has stopped moving for too long. */
final class Activity {
    private volatile long lastNanos = System.nanoTime();
    private volatile Flow.Subscription subscription;

    void touch() {
        lastNanos = System.nanoTime();
    }

    void watch(Flow.Subscription s) {
        subscription = s;
        touch();
    }

    long idleMillis() {
        return (System.nanoTime() - lastNanos) / 1_000_000;
    }

    /** Stops the transfer; the connection is dropped. */
    void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
