package dev.modeldock.benchmark;

import java.util.ArrayList;
import java.util.List;

/** The wall-clock times of one measurement repeated, and the best or the median of them. */
final class Rounds {
    private final List<Double> seconds = new ArrayList<>();

    /** Something timed; it may throw whatever the benchmarked code throws. */
    interface Measured {
        void run() throws Exception;
    }

    /** {@code count} rounds of {@code measured} (at least one). */
    static Rounds of(int count, Measured measured) throws Exception {
        Rounds rounds = new Rounds();
        for (int i = 0; i < Math.max(1, count); i++) {
            rounds.time(measured);
        }
        return rounds;
    }

    /** Runs {@code measured} once and records how long it took. */
    void time(Measured measured) throws Exception {
        long start = System.nanoTime();
        measured.run();
        add(seconds(System.nanoTime() - start));
    }

    void add(double roundSeconds) {
        seconds.add(roundSeconds);
    }

    /** The fastest round: the figure least disturbed by other work on the machine. */
    double best() {
        return sorted()[0];
    }

    /** The middle round (the mean of the middle two for an even count): a typical round. */
    double median() {
        double[] sorted = sorted();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private double[] sorted() {
        if (seconds.isEmpty()) {
            throw new IllegalStateException("no round was timed");
        }
        return seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
