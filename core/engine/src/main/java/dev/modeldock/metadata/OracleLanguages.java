package dev.modeldock.metadata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Oracle's documented languages ({@code oracle-languages.tsv} beside this class, which names its
 * source): each name with its abbreviation, looked up ignoring case, and the close matches of a
 * value that is neither.
 */
public final class OracleLanguages {
    /** One documented language. */
    public record Language(String name, String abbreviation) {
        @Override
        public String toString() {
            return "\"" + abbreviation + "\" (" + name + ")";
        }
    }

    private static final int MAX_SUGGESTIONS = 5;
    private static final List<Language> ALL = load();

    private OracleLanguages() {
    }

    public static List<Language> all() {
        return ALL;
    }

    /** The language {@code value} names or abbreviates, ignoring case and surrounding spaces. */
    public static Optional<Language> find(String value) {
        String wanted = value.strip();
        return ALL.stream().filter(l -> l.name().equalsIgnoreCase(wanted) || l.abbreviation().equalsIgnoreCase(wanted))
                .findFirst();
    }

    /**
     * Languages {@code value} may have meant, best first: those whose name holds it as a word, or
     * holds the English name of the ISO 639 code it is ("de" and "deu" find GERMAN); failing those,
     * the ones a typing slip or two away.
     */
    public static List<Language> closeTo(String value) {
        String wanted = value.strip().toUpperCase(Locale.ROOT);
        Map<Language, Integer> scores = new LinkedHashMap<>();
        String isoName = isoLanguageName(wanted.toLowerCase(Locale.ROOT)).toUpperCase(Locale.ROOT);
        for (Language language : ALL) {
            List<String> words = List.of(language.name().split(" "));
            if (words.contains(wanted) || (!isoName.isEmpty() && !isoName.equalsIgnoreCase(wanted)
                    && words.contains(isoName))) {
                scores.put(language, 0);
                continue;
            }
            int distance = Math.min(Edits.distance(wanted, language.name()),
                    Edits.distance(wanted, language.abbreviation().toUpperCase(Locale.ROOT)));
            if (distance <= (wanted.length() <= 3 ? 1 : 2) && distance < wanted.length()) {
                scores.put(language, distance);
            }
        }
        boolean meant = scores.containsValue(0); // a name or code it surely means: the slips are noise then
        List<Language> matches = new ArrayList<>(scores.keySet().stream().filter(l -> !meant || scores.get(l) == 0)
                .toList());
        matches.sort(Comparator.comparing((Language l) -> scores.get(l)).thenComparing(l -> l.name().length()));
        return matches.subList(0, Math.min(MAX_SUGGESTIONS, matches.size()));
    }

    /** The English name of an ISO 639 code of two or three letters ("de", "deu"), else "". */
    private static String isoLanguageName(String code) {
        if (code.length() != 2 && code.length() != 3) {
            return "";
        }
        for (String twoLetters : Locale.getISOLanguages()) {
            Locale language = new Locale(twoLetters);
            if (twoLetters.equals(code) || language.getISO3Language().equals(code)) {
                return language.getDisplayLanguage(Locale.ENGLISH);
            }
        }
        return "";
    }

    private static List<Language> load() {
        List<Language> languages = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                OracleLanguages.class.getResourceAsStream("oracle-languages.tsv"), StandardCharsets.UTF_8))) {
            boolean header = true;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    header = false; // the column names
                    continue;
                }
                String[] fields = line.split("\t");
                languages.add(new Language(fields[0], fields[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Oracle's language list", e);
        }
        return List.copyOf(languages);
    }

    /** Levenshtein distance, for the close matches. */
    private static final class Edits {
        static int distance(String a, String b) {
            int[] previous = new int[b.length() + 1];
            int[] current = new int[b.length() + 1];
            for (int j = 0; j <= b.length(); j++) {
                previous[j] = j;
            }
            for (int i = 1; i <= a.length(); i++) {
                current[0] = i;
                for (int j = 1; j <= b.length(); j++) {
                    int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                    current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
                }
                int[] swap = previous;
                previous = current;
                current = swap;
            }
            return previous[b.length()];
        }
    }
}
