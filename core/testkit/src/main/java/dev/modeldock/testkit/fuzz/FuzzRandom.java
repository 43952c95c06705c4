package dev.modeldock.testkit.fuzz;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The dice of one fuzz case: a random source seeded from the run's seed and the case's index, and
 * the values mutations like to pick (names and strings that have broken parsers before, numbers at
 * the edges of their type).
 */
final class FuzzRandom {
    private static final List<String> STRINGS = List.of("", " ", "x", "features", "probabilities", "prediction",
            "input", "output", "batch", "ü名前🙂", "\u0000", "a\u0000b", "\r\n", "a\u202eb", "\ud800", "../../etc/passwd",
            "C:\\Windows\\win.ini", "'; DROP TABLE model_version; --", "%s%n%x", "${jndi:ldap://127.0.0.1/a}", "null",
            "NaN", "-0", "\t", "<script>", "\ufeff", "\uffff", "\ud83d\ude00".repeat(40));
    private static final long[] NUMBERS = {0, 1, -1, 2, 3, 4, 7, 255, 256, 65535, 65536, Integer.MAX_VALUE,
            Integer.MIN_VALUE, (long) Integer.MAX_VALUE + 1, 1L << 32, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE,
            Long.MAX_VALUE - 1, -2};

    private final SplittableRandom random;

    FuzzRandom(long seed, int index) {
        // Each case's dice depend on the seed and the index only, never on the cases before it.
        this.random = new SplittableRandom(new SplittableRandom(seed).split().nextLong() ^ (index * 0x9E3779B97F4A7C15L));
    }

    int below(int bound) {
        return bound <= 0 ? 0 : random.nextInt(bound);
    }

    int between(int from, int to) {
        return from + below(to - from + 1);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    <T> T pick(List<T> values) {
        return values.get(below(values.size()));
    }

    long edgeNumber() {
        return chance(0.8) ? NUMBERS[below(NUMBERS.length)] : random.nextLong();
    }

    /** A string that has broken parsers before, or a long one. */
    String string() {
        if (chance(0.1)) {
            return "n".repeat(between(1_000, 70_000));
        }
        return pick(STRINGS);
    }

    byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }
}
