package dev.modeldock.tokenizer.bert;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why the in-graph tokenizer cannot agree with Hugging Face's on some writing systems, per system
 * ({@code known-limits.tsv} beside this class), for a validation report to print next to the measured
 * agreement. The reasons hold for uncased vocabularies, where Hugging Face strips accents.
 */
final class KnownLimits {
    private static final String RESOURCE = "known-limits.tsv";

    private KnownLimits() {
    }

    /** Reason by writing system, in file order. */
    static Map<String, String> byWritingSystem() {
        Map<String, String> reasons = new LinkedHashMap<>();
        try (InputStream in = KnownLimits.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the tokenizer-bert plugin");
            }
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .forEach(line -> {
                        int tab = line.indexOf('\t');
                        reasons.put(line.substring(0, tab), line.substring(tab + 1));
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reasons;
    }
}
