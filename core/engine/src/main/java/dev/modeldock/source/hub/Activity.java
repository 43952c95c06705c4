package dev.modeldock.source.hub;

import java.util.concurrent.Flow;

/** When a response last moved, and the subscription to cancel when it has stopped moving for too long. */
final class Activity {
    private volatile long lastNanos = System.nanoTime();
    private volatile Flow.Subscription subscription;
    private volatile Runnable onCancel = () -> { };

    void touch() {
        lastNanos = System.nanoTime();
    }

    /** @param release what to let go of (an open file) when the transfer is cancelled */
    void watch(Flow.Subscription s, Runnable release) {
        subscription = s;
        onCancel = release;
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
        onCancel.run();
    }
}
