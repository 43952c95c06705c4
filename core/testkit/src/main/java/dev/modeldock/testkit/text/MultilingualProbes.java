package dev.modeldock.testkit.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The multilingual probe set ({@code multilingual-probes.tsv}): one natural line per row, tagged with
 * its writing system ({@code ascii}, {@code latin}, {@code greek}, {@code cyrillic}, {@code chinese},
 * {@code japanese}, {@code hangul}, {@code devanagari}, {@code arabic}, {@code thai}, {@code emoji}).
 * Only the emoji lines have characters above U+FFFF, which Java's ONNX Runtime binding passes to string
 * ops differently than a database does; tests keep them out of pass/fail decisions.
 */
public final class MultilingualProbes {
    public static final String EMOJI = "emoji";
    private static final String RESOURCE = "multilingual-probes.tsv";

    /** One probe line. */
    public record Probe(String writingSystem, String text) {
        /** Whether the line has a character outside the Basic Multilingual Plane. */
        public boolean beyondBmp() {
            return text.codePoints().anyMatch(Character::isSupplementaryCodePoint);
        }
    }

    private MultilingualProbes() {
    }

    /** Every probe, in file order. */
    public static List<Probe> all() {
        List<Probe> probes = new ArrayList<>();
        for (String line : lines()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab <= 0 || tab == line.length() - 1) {
                throw new IllegalStateException(RESOURCE + ": expected 'writing system TAB text', got: " + line);
            }
            probes.add(new Probe(line.substring(0, tab), line.substring(tab + 1)));
        }
        return List.copyOf(probes);
    }

    /** The probe texts grouped by writing system, the systems in file order. */
    public static Map<String, List<String>> byWritingSystem() {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        for (Probe probe : all()) {
            grouped.computeIfAbsent(probe.writingSystem(), system -> new ArrayList<>()).add(probe.text());
        }
        grouped.replaceAll((system, texts) -> List.copyOf(texts));
        return grouped;
    }

    private static List<String> lines() {
        try (InputStream in = MultilingualProbes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path next to "
                        + MultilingualProbes.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
