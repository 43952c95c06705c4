package dev.modeldock.benchmark;

import java.util.Arrays;
import java.util.Collection;

/** Request latencies of one run, all clients together, and their percentiles. */
public final class Latencies {
    private final long[] sortedNanos;

    private Latencies(long[] sortedNanos) {
        this.sortedNanos = sortedNanos;
    }

    /** The latencies each client recorded, merged. */
    public static Latencies of(Collection<long[]> perClient) {
        long[] all = perClient.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        if (all.length == 0) {
            throw new IllegalArgumentException("no latencies were recorded");
        }
        return new Latencies(all);
    }

    public int count() {
        return sortedNanos.length;
    }

    /** The nearest-rank percentile: the smallest latency that {@code percent}% of requests did not exceed. */
    public double percentileMillis(double percent) {
        int rank = (int) Math.ceil(percent / 100 * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length, rank) - 1)] / 1e6;
    }

    public double maxMillis() {
        return sortedNanos[sortedNanos.length - 1] / 1e6;
    }
}
