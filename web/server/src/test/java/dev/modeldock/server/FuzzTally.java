package dev.modeldock.server;

import dev.modeldock.testkit.fuzz.UploadCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a fuzz run of the upload path saw, from several client threads at once: the answers by
 * status, the versions stored, and the cases that broke a rule, each saved for inspection.
 */
final class FuzzTally {
    /** A version an upload answered 2xx with, and the bytes that were sent for it. */
    record Stored(String model, int number, String sentSha256, int caseIndex) {
    }

    private final Path failures;
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final List<Stored> stored = Collections.synchronizedList(new ArrayList<>());
    private final List<String> broken = Collections.synchronizedList(new ArrayList<>());

    /** @param failures where each case that broke a rule is saved */
    FuzzTally(Path failures) {
        this.failures = failures;
    }

    /**
     * Saves the case before it is sent, under {@code in-flight}: if the server's process dies (a
     * crash in native code takes this test's JVM with it), the cases it was handling are there.
     */
    void sending(UploadCase fuzzed) {
        try {
            fuzzed.writeTo(failures.resolve("in-flight"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the in-flight copy of a case that was answered. */
    void sent(UploadCase fuzzed) {
        try {
            for (String suffix : List.of(".onnx", ".metadata.json", ".txt")) {
                Files.deleteIfExists(failures.resolve("in-flight").resolve("case-" + fuzzed.index() + suffix));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void answered(int status) {
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
    }

    void stored(Stored version) {
        stored.add(version);
    }

    /** Records a broken rule and saves the case under the failures folder. */
    void broke(UploadCase fuzzed, String what) {
        try {
            Path saved = fuzzed.writeTo(failures);
            Files.writeString(saved, what + "\n", StandardOpenOption.APPEND);
            broken.add(fuzzed.describe() + "\n    " + what + "\n    saved as " + saved);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void broke(String what) {
        broken.add(what);
    }

    List<Stored> stored() {
        return List.copyOf(stored);
    }

    List<String> broken() {
        return List.copyOf(broken);
    }

    /** Answers by status, e.g. {@code 201=312, 400=1780, 413=12, 422=896}. */
    Map<Integer, Integer> byStatus() {
        Map<Integer, Integer> counts = new TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.get()));
        return counts;
    }
}
