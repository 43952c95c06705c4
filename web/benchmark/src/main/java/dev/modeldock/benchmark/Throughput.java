package dev.modeldock.benchmark;

import java.util.List;
import java.util.function.Consumer;

/**
 * Texts embedded one at a time (batch 1), in rounds over the same texts, after a warm-up that runs
 * every distinct text once: first runs allocate buffers for each input shape and wait for the JIT.
 */
final class Throughput {
    private final List<String> texts;
    private final Consumer<String> embed;
    private final Rounds rounds = new Rounds();

    private Throughput(List<String> texts, Consumer<String> embed) {
        this.texts = List.copyOf(texts);
        this.embed = embed;
    }

    static Throughput warmedUp(List<String> texts, Consumer<String> embed) {
        texts.stream().distinct().forEach(embed);
        return new Throughput(texts, embed);
    }

    /** Embeds every text once, timed. */
    Throughput round() throws Exception {
        rounds.time(() -> texts.forEach(embed));
        return this;
    }

    /** {@code count} rounds. */
    Throughput rounds(int count) throws Exception {
        for (int i = 0; i < Math.max(1, count); i++) {
            round();
        }
        return this;
    }

    double bestPerSecond() {
        return texts.size() / rounds.best();
    }

    double medianPerSecond() {
        return texts.size() / rounds.median();
    }
}
